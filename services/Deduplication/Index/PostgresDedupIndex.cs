using MediaMonitor.Deduplication.Decisions;
using MediaMonitor.Deduplication.Fingerprinting;
using Npgsql;
using NpgsqlTypes;

namespace MediaMonitor.Deduplication.Index;

/// <summary>
/// The index in PostgreSQL, used inside the caller's transaction. Decisions are serialized per lookup key with
/// transaction-scoped advisory locks: two articles that could see each other as candidates share a key, so they take the
/// same lock and the second decides after the first has committed its row.
/// </summary>
public sealed class PostgresDedupIndex(string schema)
{
    private readonly string _articles = schema + "." + DedupTables.Articles;
    private readonly string _keys = schema + "." + DedupTables.Keys;
    private readonly string _storyTerms = schema + "." + DedupTables.StoryTerms;

    /// <summary>The indexed articles sharing a key with <paramref name="keys"/>, published within the window around <paramref name="at"/>.</summary>
    public async Task<List<IndexedArticle>> CandidatesAsync(
        NpgsqlConnection connection, long[] keys, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken)
    {
        var sql = $"""
            select a.article_id, a.original_id, a.story_id, a.published_at, a.fingerprint
            from {_articles} a
            where a.article_id in (
                select k.article_id from {_keys} k
                where k.key = any($1) and k.published_at between $2 and $3)
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = keys });
        DedupTables.AddWindow(command.Parameters, at, window);
        var found = new List<IndexedArticle>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new IndexedArticle(
                reader.GetGuid(0),
                reader.GetGuid(1),
                reader.GetGuid(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                FingerprintCodec.Decode(reader.GetFieldValue<byte[]>(4).AsSpan())));
        }

        return found;
    }

    public async Task AddAsync(NpgsqlConnection connection, IndexedArticle article, long[] keys, string version, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in AddCommands(article, keys, version))
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The statements that add an article and its keys, for a batch that sends them with others in one round trip.</summary>
    public NpgsqlBatchCommand[] AddCommands(IndexedArticle article, long[] keys, string version)
    {
        ArgumentNullException.ThrowIfNull(article);
        var published = article.PublishedAt.ToUniversalTime();
        var insertArticle = new NpgsqlBatchCommand($"""
            insert into {_articles} (article_id, original_id, story_id, published_at, fingerprint, dedup_version)
            values ($1, $2, $3, $4, $5, $6) on conflict (article_id) do nothing
            """);
        insertArticle.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = article.ArticleId });
        insertArticle.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = article.OriginalId });
        insertArticle.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = article.StoryId });
        insertArticle.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = published });
        insertArticle.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = FingerprintCodec.Encode(article.Fingerprint) });
        insertArticle.Parameters.Add(new NpgsqlParameter<string> { TypedValue = version });
        var insertKeys = new NpgsqlBatchCommand($"""
            insert into {_keys} (key, article_id, published_at)
            select k, $2, $3 from unnest($1::bigint[]) k on conflict do nothing
            """);
        insertKeys.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = keys });
        insertKeys.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = article.ArticleId });
        insertKeys.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = published });
        return [insertArticle, insertKeys];
    }

    /// <summary>
    /// Deletes rows published before <paramref name="before"/>, and story terms published before <paramref name="storiesBefore"/>;
    /// returns how many articles left the index.
    /// </summary>
    public async Task<int> PruneAsync(NpgsqlConnection connection, DateTimeOffset before, DateTimeOffset storiesBefore, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var terms = new NpgsqlBatchCommand($"delete from {_storyTerms} where published_at < $1");
        terms.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = storiesBefore.ToUniversalTime() });
        batch.BatchCommands.Add(terms);
        var keys = new NpgsqlBatchCommand($"delete from {_keys} where published_at < $1");
        keys.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before.ToUniversalTime() });
        var articles = new NpgsqlBatchCommand($"delete from {_articles} where published_at < $1");
        articles.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before.ToUniversalTime() });
        batch.BatchCommands.Add(keys);
        batch.BatchCommands.Add(articles);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return articles.RecordsAffected;
    }
}
