using System.Diagnostics.CodeAnalysis;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Api.Queries;

/// <summary>
/// The subscription query language as the Api sees it: validation on create, matching for coverage. It must be the one
/// the Alerting service matches live traffic with, so "what would it have caught" has one answer.
/// </summary>
public interface IArticleQueryLanguage
{
    bool TryCompile(string? query, [NotNullWhen(true)] out IArticleQuery? parsed, [NotNullWhen(false)] out QueryParseError? error);
}

/// <summary>A parsed query.</summary>
public interface IArticleQuery
{
    bool Matches(MatchableArticle article);

    /// <summary>A PostgreSQL tsquery every matching article satisfies (<see cref="SearchPrefilter"/>), or null when any article may match.</summary>
    string? Prefilter { get; }

    /// <summary>The tokens every article satisfying <see cref="Prefilter"/> holds (<see cref="SearchPrefilter.Required"/>).</summary>
    IReadOnlySet<string> PrefilterTokens { get; }

    /// <summary>The search tokens whose presence in an article's search vector <see cref="DecideWithoutText"/> reads (<see cref="IndexVerdict.Probes"/>).</summary>
    IReadOnlyList<string> Probes { get; }

    /// <summary>
    /// What <see cref="Matches"/> would say, decided without the article's text (title and text empty in
    /// <paramref name="withoutText"/>; <paramref name="present"/>: which <see cref="Probes"/> its vector holds;
    /// <paramref name="outsideText"/>: whether a token comes from the outlet, host or entities), or null when only the
    /// text can decide (<see cref="IndexVerdict"/>).
    /// </summary>
    bool? DecideWithoutText(MatchableArticle withoutText, IReadOnlyList<bool> present, Func<string, bool> outsideText);

    /// <summary>Whether <see cref="DecideWithoutText"/> can decide any candidate of the prefilter (<see cref="IndexVerdict.Decisive"/>).</summary>
    bool DecidesWithoutText { get; }
}

/// <summary>What a query can look at: the article's title, text, outlet (site name, else host), URL and tagged entities.</summary>
public sealed record MatchableArticle(string Title, string Text, string? SiteName, string Url, IReadOnlyList<TaggedEntity> Entities, string? Language = null);
