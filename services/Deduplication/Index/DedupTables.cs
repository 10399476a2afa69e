using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace MediaMonitor.Deduplication.Index;

/// <summary>
/// The persisted index: one row per decided article (its fingerprint, original and story), one row per lookup key, and one
/// row per key term of each original in the story window.
/// Created by Marten with the rest of the schema; rebuilt from the event store by <see cref="DedupIndexRebuilder"/>.
/// </summary>
public static class DedupTables
{
    public const string Articles = "mm_dedup_articles";
    public const string Keys = "mm_dedup_keys";
    public const string StoryTerms = "mm_dedup_story_terms";

    public static void Register(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var schema = options.DatabaseSchemaName;

        var articles = new Table(new PostgresqlObjectName(schema, Articles, SchemaUtils.IdentifierUsage.General));
        articles.AddColumn<Guid>("article_id").AsPrimaryKey();
        articles.AddColumn<Guid>("original_id").NotNull();
        articles.AddColumn<Guid>("story_id").NotNull();
        articles.AddColumn("published_at", "timestamptz").NotNull();
        articles.AddColumn("fingerprint", "bytea").NotNull();
        articles.AddColumn("dedup_version", "text").NotNull();
        articles.Indexes.Add(new IndexDefinition("ix_" + Articles + "_published_at") { Columns = ["published_at"] });
        // The story step counts the originals in its window for every decision: an index of originals only, so the count is
        // an index-only scan (at 1,000,000 articles in the window a heap scan took 361 ms, an index-only scan a few).
        articles.Indexes.Add(new IndexDefinition("ix_" + Articles + "_originals") { Columns = ["published_at"], Predicate = "article_id = original_id" });

        var keys = new Table(new PostgresqlObjectName(schema, Keys, SchemaUtils.IdentifierUsage.General));
        keys.AddColumn<long>("key").AsPrimaryKey();
        keys.AddColumn<Guid>("article_id").AsPrimaryKey();
        keys.AddColumn("published_at", "timestamptz").NotNull();
        keys.Indexes.Add(new IndexDefinition("ix_" + Keys + "_published_at") { Columns = ["published_at"] });

        var terms = new Table(new PostgresqlObjectName(schema, StoryTerms, SchemaUtils.IdentifierUsage.General));
        terms.AddColumn<int>("term").AsPrimaryKey();
        terms.AddColumn<Guid>("article_id").AsPrimaryKey();
        terms.AddColumn("published_at", "timestamptz").NotNull();
        terms.Indexes.Add(new IndexDefinition("ix_" + StoryTerms + "_published_at") { Columns = ["published_at"] });

        options.Storage.ExtendedSchemaObjects.Add(articles);
        options.Storage.ExtendedSchemaObjects.Add(terms);
        options.Storage.ExtendedSchemaObjects.Add(keys);
    }

    public static string Qualified(IDocumentStore store, string table) => store.Options.DatabaseSchemaName + "." + table;

    /// <summary>Binds the next two parameters to the window around <paramref name="at"/>: at - window and at + window, in UTC.</summary>
    public static void AddWindow(NpgsqlParameterCollection parameters, DateTimeOffset at, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = (at - window).ToUniversalTime() });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = (at + window).ToUniversalTime() });
    }
}
