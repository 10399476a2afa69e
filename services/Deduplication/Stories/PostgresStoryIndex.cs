using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication.Index;
using Npgsql;
using NpgsqlTypes;

namespace MediaMonitor.Deduplication.Stories;

/// <summary>
/// The story index in PostgreSQL, used inside the caller's transaction: one row per (key term, original) in
/// <see cref="DedupTables.StoryTerms"/>, the originals' fingerprints (and so their terms) in <see cref="DedupTables.Articles"/>.
/// Same candidate rule and statistics as InMemoryStoryIndex (tests/Measurements, the evaluation's index), over the window around the article's time.
/// </summary>
public sealed class PostgresStoryIndex(string schema)
{
    private readonly string _articles = schema + "." + DedupTables.Articles;
    private readonly string _terms = schema + "." + DedupTables.StoryTerms;

    /// <summary>The advisory lock of a story term (taken for informative terms, so two articles of one event decide in turn).</summary>
    public static long LockOf(uint term) => (long)Hashing.Combine(0x5703A11DUL, term);

    /// <summary>How many originals are in the window and how many of them hold each of <paramref name="terms"/>.</summary>
    public async Task<TermStatistics> StatisticsAsync(NpgsqlConnection connection, IEnumerable<uint> terms, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var count = new NpgsqlBatchCommand($"select count(*) from {_articles} where article_id = original_id and published_at between $1 and $2");
        DedupTables.AddWindow(count.Parameters, at, window);
        var frequency = new NpgsqlBatchCommand($"select term, count(*) from {_terms} where term = any($1) and published_at between $2 and $3 group by term");
        frequency.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. terms.Distinct().Select(t => (int)t)] });
        DedupTables.AddWindow(frequency.Parameters, at, window);
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(frequency);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var articles = (int)reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var frequencies = new Dictionary<uint, int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            frequencies[(uint)reader.GetInt32(0)] = (int)reader.GetInt64(1);
        }

        return new TermStatistics(articles, t => frequencies.GetValueOrDefault(t));
    }

    /// <summary>Originals within the window sharing at least <see cref="StoryClusterer.MinSharedTerms"/> terms, with their terms.</summary>
    public async Task<List<StoryCandidate>> CandidatesAsync(NpgsqlConnection connection, uint[] terms, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var sql = $"""
            select a.article_id, a.story_id, a.published_at, a.fingerprint
            from (select article_id from {_terms} where term = any($1) and published_at between $2 and $3
                  group by article_id having count(*) >= $4) c
            join {_articles} a on a.article_id = c.article_id
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. terms.Select(t => (int)t)] });
        DedupTables.AddWindow(command.Parameters, at, window);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = StoryClusterer.MinSharedTerms });
        var found = new List<StoryCandidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new StoryCandidate(
                reader.GetGuid(0),
                reader.GetGuid(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                StoryClusterer.TermsOf(FingerprintCodec.Decode(reader.GetFieldValue<byte[]>(3).AsSpan()))));
        }

        return found;
    }

    public async Task AddAsync(NpgsqlConnection connection, Guid articleId, uint[] terms, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { AddCommand(articleId, terms, publishedAt) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The statement that adds an original's terms, for a batch that sends it with others in one round trip.</summary>
    public NpgsqlBatchCommand AddCommand(Guid articleId, uint[] terms, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var command = new NpgsqlBatchCommand($"insert into {_terms} (term, article_id, published_at) select t, $2, $3 from unnest($1::integer[]) t on conflict do nothing");
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. terms.Select(t => (int)t)] });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = articleId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = publishedAt.ToUniversalTime() });
        return command;
    }
}
