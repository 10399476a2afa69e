namespace MediaMonitor.Contracts.EntityTagging;

/// <summary>
/// The tagger found these people, organisations and places in an article. TaggerVersion names the model and the operator
/// alias set; ReprocessingId is set when a reprocessing request (not the live pipeline) tagged the article again, so
/// Alerting treats new matches like a backfill and does not push them.
/// </summary>
[MessageUrn("MediaMonitor.Contracts:EntitiesTagged")]
[EntityName("MediaMonitor.Contracts:EntitiesTagged")]
public sealed record EntitiesTagged(
    Guid ArticleId,
    IReadOnlyList<TaggedEntity> Entities,
    DateTimeOffset TaggedAt,
    string TaggerVersion,
    Guid? ReprocessingId = null);
