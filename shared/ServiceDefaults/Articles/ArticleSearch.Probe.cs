using System.Runtime.CompilerServices;
using System.Text;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// An article record read without its text (nor its <see cref="ArticleRecord.TextTerms"/>), and whether each probe token
/// is a lexeme of its search vector (<see cref="IndexVerdict"/> decides from these); null when the row has no vector yet
/// (written before the column, not yet filled: <see cref="SearchVectorFill"/>), so only its text can tell.
/// </summary>
public sealed record ProbedArticle(ArticleRecord Record, bool[]? Present);

public sealed partial class ArticleSearch
{
    /// <summary>
    /// The records of a scan without their text, each with whether each of <paramref name="probes"/> (search tokens) is in
    /// its search vector, one row at a time. With <see cref="ArticleScan.AsOf"/>, records changed since are skipped: read
    /// them with <see cref="ChangedSinceAsync"/>.
    /// </summary>
    public async IAsyncEnumerable<ProbedArticle> ProbeAsync(
        ArticleScan scan, IReadOnlyList<string> probes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(probes);
        var serializer = store.Options.Serializer();
        await using var command = dataSource.CreateCommand();
        var where = Where(scan, command);

        // The JSON without the text's tokens: the largest part of it, and neither the decision nor the report reads them.
        var sql = new StringBuilder("select d.data - 'TextTerms'");
        for (var i = 0; i < probes.Count; i++)
        {
            sql.Append(", ").Append(SearchVector).Append(" @@ @p").Append(i).Append("::tsquery");
            command.Parameters.AddWithValue("p" + i, probes[i]);
        }

        command.CommandText = sql.Append(" from ").Append(store.Options.DatabaseSchemaName).Append(".mt_doc_").Append(ArticleReadModel.Alias)
            .Append(" d where ").Append(where).ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = serializer.FromJson<ArticleRecord>(reader, 0);
            if (scan.AsOf is { } instant && record.LastEventAt > instant)
            {
                continue;
            }

            bool[]? present = new bool[probes.Count];
            for (var i = 0; i < probes.Count; i++)
            {
                if (reader.IsDBNull(i + 1))
                {
                    present = null;
                    break;
                }

                present[i] = reader.GetBoolean(i + 1);
            }

            yield return new ProbedArticle(record, present);
        }
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
