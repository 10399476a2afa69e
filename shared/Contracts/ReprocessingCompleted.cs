namespace MediaMonitor.Contracts;

/// <summary>
/// EntityTagging finished a reprocessing request: of the articles in its range, how many the request tagged again, how
/// many were already tagged by this TaggerVersion, and how many it skipped (not tagged live yet, or not naming the entity).
/// </summary>
public sealed record ReprocessingCompleted(
    Guid RequestId,
    int Articles,
    int Retagged,
    int AlreadyCurrent,
    int Skipped,
    string TaggerVersion,
    DateTimeOffset CompletedAt);
