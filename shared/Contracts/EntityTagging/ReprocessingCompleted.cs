namespace MediaMonitor.Contracts.EntityTagging;

/// <summary>
/// EntityTagging finished a reprocessing request: of the articles in its range, how many the request tagged again, how
/// many were already tagged by this TaggerVersion, and how many it skipped (not tagged live yet, or not naming the entity).
/// </summary>
[MessageUrn("MediaMonitor.Contracts:ReprocessingCompleted")]
[EntityName("MediaMonitor.Contracts:ReprocessingCompleted")]
public sealed record ReprocessingCompleted(
    Guid RequestId,
    int Articles,
    int Retagged,
    int AlreadyCurrent,
    int Skipped,
    string TaggerVersion,
    DateTimeOffset CompletedAt);
