using System.Runtime.CompilerServices;
using System.Text;
using MediaMonitor.Text.Querying;
using Npgsql;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// An article record read without its text (nor its <see cref="ArticleRecord.TextTerms"/>), and whether each probe token
/// is a lexeme of its search vector (<see cref="IndexVerdict"/> decides from these); null when the record has no vector row
/// (no search tokens, or written before the vector table and not yet filled: <see cref="SearchVectorFill"/>), so only its
/// text can tell.
/// </summary>
public sealed record ProbedArticle(ArticleRecord Record, bool[]? Present);

public sealed partial class ArticleSearch
{
    /// <summary>
    /// The records of a scan without their text, each with whether each of <paramref name="probes"/> (search tokens) is in
    /// its search vector, one row at a time. With <see cref="ArticleScan.AsOf"/>, records changed since are skipped: read
    /// them with <see cref="ChangedSinceAsync"/>.
    /// </summary>
    public IAsyncEnumerable<ProbedArticle> ProbeAsync(ArticleScan scan, IReadOnlyList<string> probes, CancellationToken cancellationToken) =>
        ProbeAsync(scan, probes, null, cancellationToken);

    /// <summary>
    /// As above; <paramref name="held"/>: tokens every row of the scan holds (its prefilter requires them,
    /// <see cref="Text.Querying.SearchPrefilter.Required"/>), known present without reading the vector. Each record holds
    /// what coverage reads (<see cref="ArticleCoverageRow.Read"/>): its id, times, story and coverage row, not its whole JSON.
    /// </summary>
    public async IAsyncEnumerable<ProbedArticle> ProbeAsync(
        ArticleScan scan, IReadOnlyList<string> probes, IReadOnlySet<string>? held, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(probes);
        await using var command = dataSource.CreateCommand();
        var where = Where(scan, command);

        // The narrow columns only: the record's JSON and the vector are TOASTed out of line, and reading either costs
        // more per row than deciding it. A row from before the coverage row existed has it built from its JSON.
        var sql = new StringBuilder("select d.id, d.at, d.story_id, d.last_event_at, coalesce(d.")
            .Append(ArticleCoverageRow.Column).Append(", ").Append(ArticleCoverageRow.FromDataSql("d.data")).Append(')');
        var probed = new List<int>();
        for (var i = 0; i < probes.Count; i++)
        {
            if (held?.Contains(probes[i]) != true)
            {
                sql.Append(", ").Append(SearchVector).Append(" @@ @p").Append(probed.Count).Append("::tsquery");
                command.Parameters.AddWithValue("p" + probed.Count, probes[i]);
                probed.Add(i);
            }
        }

        command.CommandText = sql.Append(" from ").Append(From()).Append(" where ").Append(where).ToString();
        var rows = new ArticleCoverageRow.Utf8Reader();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (CoverageRecord(reader, scan, rows) is not { } record)
            {
                continue;
            }

            bool[]? present = new bool[probes.Count];
            Array.Fill(present, true);
            for (var column = 0; column < probed.Count; column++)
            {
                if (reader.IsDBNull(5 + column))
                {
                    present = null;
                    break;
                }

                present[probed[column]] = reader.GetBoolean(5 + column);
            }

            yield return new ProbedArticle(record, present);
        }
    }

    /// <summary>
    /// The records of a scan as <see cref="ProbeAsync(ArticleScan, IReadOnlyList{string}, IReadOnlySet{string}?, CancellationToken)"/>
    /// reads them (the coverage row, not the whole JSON), each with the text of its latest fetch joined in the same query:
    /// for a query no row decides, whose every candidate goes to the matcher. With <see cref="ArticleScan.AsOf"/>,
    /// records changed since are skipped: read them with <see cref="ChangedSinceAsync"/>.
    /// </summary>
    public async IAsyncEnumerable<ArticleCandidate> ScanCoverageRowsAsync(ArticleScan scan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        await using var command = dataSource.CreateCommand();
        var where = Where(scan, command);
        var row = $"coalesce(d.{ArticleCoverageRow.Column}, {ArticleCoverageRow.FromDataSql("d.data")})";
        command.CommandText = $"select d.id, d.at, d.story_id, d.last_event_at, r.row, e.data ->> 'Text' "
            + $"from {From()} cross join lateral (select {row} as row) r "
            + $"left join {store.Options.Events.DatabaseSchemaName}.mt_events e on e.seq_id = (r.row::jsonb ->> 'TextSequence')::bigint where {where}";
        var rows = new ArticleCoverageRow.Utf8Reader();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (CoverageRecord(reader, scan, rows) is not { } record)
            {
                continue;
            }

            yield return new ArticleCandidate(record, reader.IsDBNull(5) ? string.Empty : reader.GetString(5));
        }
    }

    /// <summary>
    /// The record of a row read as "id, at, story_id, last_event_at, coverage row, ...", or null when it changed after the
    /// scan's <see cref="ArticleScan.AsOf"/> (read those with <see cref="ChangedSinceAsync"/>). The coverage row is read
    /// as the UTF-8 bytes it arrives in (no string made of it) by the scan's <paramref name="rows"/>.
    /// </summary>
    private static ArticleRecord? CoverageRecord(NpgsqlDataReader reader, ArticleScan scan, ArticleCoverageRow.Utf8Reader rows)
    {
        var lastEventAt = reader.GetFieldValue<DateTimeOffset>(3);
        return scan.AsOf is { } instant && lastEventAt > instant
            ? null
            : rows.Read(
                reader.GetFieldValue<byte[]>(4), reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2), lastEventAt);
    }

    /// <summary>The texts of the ArticleFetched events at these sequences (<see cref="ArticleRecord.TextSequence"/>), by sequence.</summary>
    public async Task<Dictionary<long, string>> TextsAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var texts = new Dictionary<long, string>(sequences.Count);
        await using var command = dataSource.CreateCommand(
            $"select e.seq_id, e.data ->> 'Text' from {store.Options.Events.DatabaseSchemaName}.mt_events e where e.seq_id = any(@sequences)");
        command.Parameters.AddWithValue("sequences", sequences.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            texts[reader.GetInt64(0)] = reader.IsDBNull(1) ? string.Empty : reader.GetString(1);
        }

        return texts;
    }
}
