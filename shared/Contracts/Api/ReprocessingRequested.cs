namespace MediaMonitor.Contracts.Api;

/// <summary>
/// An operator asked for the articles stored (fetched) in [From, To) to be tagged again with the current model and alias
/// set, for example after a model upgrade or new aliases. EntityId, when set, narrows it to the articles whose title or
/// text contains one of that entity's names. The request's stream id is RequestId.
/// </summary>
[MessageUrn("MediaMonitor.Contracts:ReprocessingRequested")]
[EntityName("MediaMonitor.Contracts:ReprocessingRequested")]
public sealed record ReprocessingRequested(
    Guid RequestId,
    DateTimeOffset From,
    DateTimeOffset To,
    string? EntityId,
    DateTimeOffset RequestedAt,
    string RequestedBy);
