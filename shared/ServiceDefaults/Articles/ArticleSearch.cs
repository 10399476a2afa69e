using System.Runtime.CompilerServices;
using System.Text;
using Marten;
using MediaMonitor.Contracts.Crawler;
using Npgsql;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// Which article records a scan reads: a tsquery prefilter (<see cref="Text.Querying.SearchPrefilter"/>) and column
/// filters. With <see cref="AsOf"/>, the records as the store knew them then: streams that began later are left out,
/// and those changed since are folded again from their events up to that instant (and then filtered in memory).
/// </summary>
public sealed record ArticleScan
{
    public string? Prefilter { get; init; }

    /// <summary>Coverage time (<see cref="ArticleRecord.At"/>) in [AtFrom, AtTo).</summary>
    public DateTimeOffset? AtFrom { get; init; }

    public DateTimeOffset? AtTo { get; init; }

    /// <summary>Latest fetch time in [FetchedFrom, FetchedTo).</summary>
    public DateTimeOffset? FetchedFrom { get; init; }

    public DateTimeOffset? FetchedTo { get; init; }

    /// <summary>Only articles whose latest fetch came from one of these sources.</summary>
    public IReadOnlyCollection<Guid>? SourceIds { get; init; }

    public Guid? StoryId { get; init; }

    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Oldest fetch first (backfill); otherwise in no particular order.</summary>
    public bool OrderByFetched { get; init; }

    /// <summary>The column filters, checked in memory on a record folded again for <see cref="AsOf"/>.</summary>
    public bool Accepts(ArticleRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (AtFrom is null || record.At >= AtFrom) && (AtTo is null || record.At < AtTo)
            && (FetchedFrom is null || record.FetchedAt >= FetchedFrom) && (FetchedTo is null || record.FetchedAt < FetchedTo)
            && (SourceIds is null || record.SourceId is { } s && SourceIds.Contains(s))
            && (StoryId is null || record.StoryId == StoryId);
    }
}

/// <summary>An article record and the text of its latest fetch.</summary>
public sealed record ArticleCandidate(ArticleRecord Record, string Text);

/// <summary>
/// Streams article records (with their text, joined from the ArticleFetched event they point at) one row at a time, so
/// a year of candidates never sits in memory at once.
/// </summary>
public sealed partial class ArticleSearch(IDocumentStore store, NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The GIN-indexed tsvector column (<see cref="ArticleRecord.SearchVector"/>) of <see cref="ArticleSearchVectors"/>,
    /// joined as <c>s</c> (<see cref="From"/>); null for a record without a vector row. Its lexemes are the tokens as they
    /// are, so a prefilter is cast to a tsquery the same way (no parser on either side).
    /// </summary>
    public const string SearchVector = "s.search_vector";

    /// <summary>
    /// The records (<c>d</c>) with their vectors (<c>s</c>, left-joined: a prefilter's condition on the vector makes it an
    /// inner join the planner can start from the GIN index).
    /// </summary>
    private string From() =>
        $"{store.Options.DatabaseSchemaName}.mt_doc_{ArticleReadModel.Alias} d left join {ArticleSearchVectors.Qualified(store)} s on s.id = d.id";

    public async IAsyncEnumerable<ArticleCandidate> ScanAsync(ArticleScan scan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var events = store.Options.Events.DatabaseSchemaName;
        var serializer = store.Options.Serializer();
        await using var command = dataSource.CreateCommand();
        var where = Where(scan, command);
        var sql = new StringBuilder()
            .Append("select d.data, e.data ->> 'Text' from ").Append(From()).Append(" left join ")
            .Append(events).Append(".mt_events e on e.seq_id = (d.data ->> 'TextSequence')::bigint where ").Append(where);
        if (scan.OrderByFetched)
        {
            sql.Append(" order by d.fetched_at");
        }

        command.CommandText = sql.ToString();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var record = serializer.FromJson<ArticleRecord>(reader, 0);
                if (scan.AsOf is { } instant && record.LastEventAt > instant)
                {
                    continue; // changed since: folded again below, as it was then
                }

                yield return new ArticleCandidate(record, reader.IsDBNull(1) ? string.Empty : reader.GetString(1));
            }
        }

        await foreach (var past in ChangedSinceAsync(scan, cancellationToken))
        {
            yield return past;
        }
    }

    /// <summary>
    /// With <see cref="ArticleScan.AsOf"/>, the records changed since that instant (whether or not they pass the filters
    /// now) as they were then, with their text, where they pass the filters; nothing without it. A scan that reads the
    /// rows skips those with <see cref="ArticleRecord.LastEventAt"/> after the instant and adds these.
    /// </summary>
    public async IAsyncEnumerable<ArticleCandidate> ChangedSinceAsync(ArticleScan scan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (scan.AsOf is not { } when)
        {
            yield break;
        }

        var documents = store.Options.DatabaseSchemaName;

        // A second query, so the first keeps its indexes; their number grows with how far back asOf looks, not with the range.
        var changed = new List<Guid>();
        await using (var later = dataSource.CreateCommand(
            $"select d.id from {documents}.mt_doc_{ArticleReadModel.Alias} d where d.last_event_at > @asof and d.first_event_at <= @asof"))
        {
            later.Parameters.AddWithValue("asof", when.ToUniversalTime());
            await using var ids = await later.ExecuteReaderAsync(cancellationToken);
            while (await ids.ReadAsync(cancellationToken))
            {
                changed.Add(ids.GetGuid(0));
            }
        }

        await using var session = store.QuerySession();
        foreach (var id in changed)
        {
            if (await AsOfAsync(session, id, when, cancellationToken) is { } past && scan.Accepts(past.Record))
            {
                yield return past;
            }
        }
    }

    /// <summary>
    /// At most <paramref name="limit"/> records of a scan (AsOf ignored) after <paramref name="after"/> in the stable
    /// order of <see cref="ArticlePosition"/>, with their positions: a job's batch. Records without a fetch are left out.
    /// </summary>
    public async Task<IReadOnlyList<(ArticleCandidate Candidate, ArticlePosition Position)>> PageAsync(
        ArticleScan scan, ArticlePosition? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var serializer = store.Options.Serializer();
        await using var command = dataSource.CreateCommand();
        var where = Where(scan with { AsOf = null }, command) + " and d.fetched_at is not null";
        if (after is not null)
        {
            // The first condition lets the fetched_at index find the start; the row comparison breaks ties by id.
            where += " and d.fetched_at >= @after_at and (d.fetched_at, d.id) > (@after_at, @after_id)";
            command.Parameters.AddWithValue("after_at", after.FetchedAt.ToUniversalTime());
            command.Parameters.AddWithValue("after_id", after.Id);
        }

        command.Parameters.AddWithValue("limit", limit);
        command.CommandText = $"select d.data, e.data ->> 'Text', d.fetched_at, d.id from {From()} "
            + $"left join {store.Options.Events.DatabaseSchemaName}.mt_events e on e.seq_id = (d.data ->> 'TextSequence')::bigint "
            + $"where {where} order by d.fetched_at, d.id limit @limit";
        var page = new List<(ArticleCandidate, ArticlePosition)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = serializer.FromJson<ArticleRecord>(reader, 0);
            var text = reader.IsDBNull(1) ? string.Empty : reader.GetString(1);
            page.Add((new ArticleCandidate(record, text), new ArticlePosition(reader.GetFieldValue<DateTimeOffset>(2), reader.GetGuid(3))));
        }

        return page;
    }

    /// <summary>How many records a scan reads (AsOf ignored): a job's total.</summary>
    public async Task<long> CountAsync(ArticleScan scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        await using var command = dataSource.CreateCommand();
        var where = Where(scan with { AsOf = null }, command) + " and d.fetched_at is not null";
        command.CommandText = $"select count(*) from {From()} where {where}";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Whether each scan reads any record at all (AsOf ignored), all in one round trip: which of the jobs starting together
    /// have anything to do. Each stops at its first record.
    /// </summary>
    public async Task<IReadOnlyList<bool>> AnyAsync(IReadOnlyList<ArticleScan> scans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scans);
        if (scans.Count == 0)
        {
            return [];
        }

        await using var batch = dataSource.CreateBatch();
        foreach (var scan in scans)
        {
            var command = new NpgsqlBatchCommand();
            var where = Where(scan with { AsOf = null }, command.Parameters) + " and d.fetched_at is not null";
            command.CommandText = $"select exists (select 1 from {From()} where {where})";
            batch.BatchCommands.Add(command);
        }

        var any = new List<bool>(scans.Count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            await reader.ReadAsync(cancellationToken);
            any.Add(reader.GetBoolean(0));
        }
        while (await reader.NextResultAsync(cancellationToken));

        return any;
    }

    /// <summary>The SQL condition of a scan's filters (their parameters added to <paramref name="command"/>).</summary>
    private static string Where(ArticleScan scan, NpgsqlCommand command) => Where(scan, command.Parameters);

    private static string Where(ArticleScan scan, NpgsqlParameterCollection parameters)
    {
        var filters = new List<string>();
        void Add(string condition, string name, object value)
        {
            filters.Add(condition);
            parameters.AddWithValue(name, value);
        }

        if (scan.Prefilter is { } q)
        {
            Add($"{SearchVector} @@ @q::tsquery", "q", q);
        }

        if (scan.AtFrom is { } af)
        {
            Add("d.at >= @af", "af", af.ToUniversalTime());
        }

        if (scan.AtTo is { } at)
        {
            Add("d.at < @at", "at", at.ToUniversalTime());
        }

        if (scan.FetchedFrom is { } ff)
        {
            Add("d.fetched_at >= @ff", "ff", ff.ToUniversalTime());
        }

        if (scan.FetchedTo is { } ft)
        {
            Add("d.fetched_at < @ft", "ft", ft.ToUniversalTime());
        }

        if (scan.SourceIds is { } sources)
        {
            Add("d.source_id = any(@sources)", "sources", sources.ToArray());
        }

        if (scan.StoryId is { } story)
        {
            Add("d.story_id = @story", "story", story);
        }

        if (scan.AsOf is { } asOf)
        {
            Add("d.first_event_at <= @asof", "asof", asOf.ToUniversalTime());
        }

        return string.Join(" and ", filters.Append("true"));
    }

    /// <summary>
    /// Waits until the article projection has processed every event stored when the call began (the read model is
    /// projected asynchronously; a reader that must not miss a recent article waits for it). False on timeout.
    /// </summary>
    public async Task<bool> WaitForProjectionAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var events = store.Options.Events.DatabaseSchemaName;
        await using var mark = dataSource.CreateCommand($"select coalesce(max(seq_id), 0) from {events}.mt_events");
        var target = (long)(await mark.ExecuteScalarAsync(cancellationToken))!;
        var deadline = DateTimeOffset.UtcNow + timeout;
        await using var progress = dataSource.CreateCommand($"select coalesce(max(last_seq_id), 0) from {events}.mt_event_progression where name = @name");
        progress.Parameters.AddWithValue("name", ArticleRecordProjection.ProjectionName + ":All");
        while (true)
        {
            if ((long)(await progress.ExecuteScalarAsync(cancellationToken))! >= target)
            {
                return true;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>An article as the store knew it at an instant (events stored after it ignored), or null if it did not exist yet.</summary>
    public static async Task<ArticleCandidate?> AsOfAsync(IQuerySession session, Guid id, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var stream = await session.Events.FetchStreamAsync(id, timestamp: asOf, token: cancellationToken);
        ArticleRecord? record = null;
        foreach (var e in stream.Where(e => e.Timestamp <= asOf))
        {
            record = ArticleRecord.Step(record, id, e.Data, e.Sequence, e.Timestamp);
        }

        if (record is null)
        {
            return null;
        }

        var text = stream.FirstOrDefault(e => e.Sequence == record.TextSequence)?.Data is ArticleFetched f ? f.Text : string.Empty;
        return new ArticleCandidate(record, text);
    }
}
