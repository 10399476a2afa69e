using System.Runtime.CompilerServices;
using MediaMonitor.Api.Queries;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Api.Coverage;

/// <summary>
/// The articles of a scan that a query matches, one at a time. Each candidate row (the full-text prefilter's) comes
/// without its text, its whole JSON or its vector (its narrow columns: <see cref="ArticleCoverageRow"/>); most are
/// decided from the row alone (<see cref="IArticleQuery.DecideWithoutText"/>: the search vector's lexemes, outlet,
/// entities, language). Only the rest have their text read, a batch at a time (beside the row stream), and are judged
/// by the live matcher itself, as are the records asOf folds again.
/// </summary>
public static class CoverageMatches
{
    /// <summary>How many undecided candidates wait for their texts to be read together, by default.</summary>
    public const int TextBatch = 512;

    public static IAsyncEnumerable<CoverageArticle> ReadAsync(ArticleSearch search, ArticleScan scan, IArticleQuery query, CancellationToken cancellationToken) =>
        ReadAsync(search, scan, query, TextBatch, cancellationToken);

    /// <summary>The matching articles; <paramref name="textBatch"/>: how many undecided candidates have their texts read together.</summary>
    public static async IAsyncEnumerable<CoverageArticle> ReadAsync(
        ArticleSearch search, ArticleScan scan, IArticleQuery query, int textBatch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(query);
        if (!query.DecidesWithoutText)
        {
            await foreach (var match in JudgeEveryCandidateAsync(search, scan, query, textBatch, cancellationToken))
            {
                yield return match;
            }

            yield break;
        }

        // One batch's texts are read and matched while the next batch's rows stream in: at most two batches in memory.
        var undecided = new List<ArticleRecord>(textBatch);
        Task<List<CoverageArticle>>? judging = null;

        // The prefilter's own words are in every row it finds: only the others are looked up in the vector.
        var held = scan.Prefilter is not null && scan.Prefilter == query.Prefilter ? query.PrefilterTokens : null;
        await foreach (var (record, present) in search.ProbeAsync(scan, query.Probes, held, cancellationToken))
        {
            var withoutText = new MatchableArticle("", "", record.SiteName, record.Url ?? "", record.Entities, record.Language);
            var verdict = present is null ? null
                : query.DecideWithoutText(withoutText, present, token => SearchTokens.OutsideText(token, record.Outlet, record.Url, record.EntityTerms));
            if (verdict == true)
            {
                yield return ToCoverage(record);
            }
            else if (verdict is null)
            {
                undecided.Add(record);
                if (undecided.Count == textBatch)
                {
                    foreach (var match in judging is null ? [] : await judging)
                    {
                        yield return match;
                    }

                    var batch = undecided;
                    judging = Task.Run(() => MatchWithTextAsync(search, query, batch, cancellationToken), cancellationToken);
                    undecided = new List<ArticleRecord>(textBatch);
                }
            }
        }

        foreach (var match in (judging is null ? [] : await judging).Concat(await MatchWithTextAsync(search, query, undecided, cancellationToken)))
        {
            yield return match;
        }

        await foreach (var (record, text) in search.ChangedSinceAsync(scan, cancellationToken))
        {
            if (query.Matches(WithText(record, text)))
            {
                yield return ToCoverage(record);
            }
        }
    }

    /// <summary>
    /// For a query no row can decide (NEAR, phrases, prefixes, title words only): every candidate's coverage row is read
    /// with its text in the scan's one query, and judged a batch at a time while the next batch streams in.
    /// </summary>
    private static async IAsyncEnumerable<CoverageArticle> JudgeEveryCandidateAsync(
        ArticleSearch search, ArticleScan scan, IArticleQuery query, int textBatch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<ArticleCandidate>(textBatch);
        Task<List<CoverageArticle>>? judging = null;
        await foreach (var candidate in search.ScanCoverageRowsAsync(scan, cancellationToken))
        {
            batch.Add(candidate);
            if (batch.Count == textBatch)
            {
                foreach (var match in judging is null ? [] : await judging)
                {
                    yield return match;
                }

                var full = batch;
                judging = Task.Run(() => Judge(query, full, cancellationToken), cancellationToken);
                batch = new List<ArticleCandidate>(textBatch);
            }
        }

        foreach (var match in (judging is null ? [] : await judging).Concat(Judge(query, batch, cancellationToken)))
        {
            yield return match;
        }

        await foreach (var (record, text) in search.ChangedSinceAsync(scan, cancellationToken))
        {
            if (query.Matches(WithText(record, text)))
            {
                yield return ToCoverage(record);
            }
        }
    }

    private static async Task<List<CoverageArticle>> MatchWithTextAsync(
        ArticleSearch search, IArticleQuery query, List<ArticleRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var texts = await search.TextsAsync(records.Select(r => r.TextSequence).Distinct().ToList(), cancellationToken);
        return Judge(query, [.. records.Select(r => new ArticleCandidate(r, texts.GetValueOrDefault(r.TextSequence, string.Empty)))], cancellationToken);
    }

    /// <summary>The live matcher over each candidate's title and text (on a thread of its own beside the row stream).</summary>
    private static List<CoverageArticle> Judge(IArticleQuery query, List<ArticleCandidate> candidates, CancellationToken cancellationToken)
    {
        var matches = new List<CoverageArticle>();
        foreach (var (record, text) in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (query.Matches(WithText(record, text)))
            {
                matches.Add(ToCoverage(record));
            }
        }

        return matches;
    }

    private static MatchableArticle WithText(ArticleRecord record, string text) =>
        new(record.Title ?? "", text, record.SiteName, record.Url ?? "", record.Entities, record.Language);

    private static CoverageArticle ToCoverage(ArticleRecord record) =>
        new(record.Id, record.At!.Value, record.StoryId, record.Outlet, record.Title, record.Entities);
}
