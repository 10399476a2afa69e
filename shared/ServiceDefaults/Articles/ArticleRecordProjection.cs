using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using Weasel.Postgresql.Tables;
using NpgsqlTypes;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>Projects every article stream into its <see cref="ArticleRecord"/> through the one fold, <see cref="ArticleRecord.Step"/>.</summary>
public sealed class ArticleRecordProjection : Marten.Events.Aggregation.SingleStreamProjection<ArticleRecord, Guid>
{
    /// <summary>The projection's name (the shard is "articles:All"), as replay.sh and the admin API call it.</summary>
    public const string ProjectionName = "articles";

    public ArticleRecordProjection()
    {
        Name = ProjectionName;
        IncludeType<ArticleDiscovered>();
        IncludeType<ArticleFetched>();
        IncludeType<ArticleFetchFailed>();
        IncludeType<ArticleDeduplicated>();
        IncludeType<EntitiesTagged>();
        Options.BatchSize = 1000;
    }

    public override ArticleRecord? Evolve(ArticleRecord? snapshot, Guid id, IEvent e) =>
        ArticleRecord.Step(snapshot, id, e.Data, e.Sequence, e.Timestamp);

    /// <summary>
    /// Writes the record's search vector (<see cref="ArticleSearchVectors"/>) in the batch that upserts the record, when the
    /// slice holds a fetch or a tagging: the other events leave the vector as it was. Marten raises this in the daemon's
    /// continuous mode only, not in its own RebuildProjectionAsync (which keeps the vectors; <see cref="ArticleRebuild"/>
    /// repairs them), and inline only with EnableSideEffectsOnInlineProjections (<see cref="ArticleReadModel.AddArticleProjection"/>).
    /// </summary>
    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<ArticleRecord> slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        if (slice.Snapshot is { } record && slice.Events().Any(e => ArticleSearchVectors.MayChange(e.Data)))
        {
            ArticleSearchVectors.Write(operations, record);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The article read model's table, indexes and projection, registered once for every store that reads it.</summary>
public static class ArticleReadModel
{
    /// <summary>The document alias: the table is mt_doc_article.</summary>
    public const string Alias = "article";

    /// <summary>
    /// Maps <see cref="ArticleRecord"/> with real columns (duplicated fields, B-tree indexed) for what queries filter on,
    /// and the table of its search vectors (<see cref="ArticleSearchVectors"/>, GIN-indexed). Every store maps them
    /// (AddEventStore); only the processes that hold the projection run it (<see cref="AddArticleProjection"/>).
    /// </summary>
    public static void AddArticleReadModel(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        // Numeric revisions as the projection stores them, so stores without the projection declare the same table.
        opts.Schema.For<ArticleRecord>().DocumentAlias(Alias).UseNumericRevisions(true)
            .Duplicate(a => a.At!)
            .Duplicate(a => a.FetchedAt!)
            .Duplicate(a => a.SourceId!)
            .Duplicate(a => a.StoryId!)
            .Duplicate(a => a.FirstEventAt)
            .Duplicate(a => a.LastEventAt)
            // Read, never searched: Marten indexes every duplicated field, so the index is one no row enters (a B-tree
            // entry of a long row would fail, and every write would pay for it).
            .Duplicate(a => a.CoverageRow, pgType: "text", configure: index => index.Predicate = "false");
        ArticleSearchVectors.Register(opts);
    }

    /// <summary>Runs the projection in this store's daemon (the Api's; one process must, or the table never fills).</summary>
    public static void AddArticleProjection(this StoreOptions opts, ProjectionLifecycle lifecycle = ProjectionLifecycle.Async)
    {
        ArgumentNullException.ThrowIfNull(opts);
        if (lifecycle == ProjectionLifecycle.Inline)
        {
            // The search vectors are written as the projection's side effect (in its unit of work), which Marten skips inline otherwise.
            opts.Events.EnableSideEffectsOnInlineProjections = true;
        }

        opts.Projections.Add(new ArticleRecordProjection(), lifecycle);
    }
}
