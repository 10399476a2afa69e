using System.Diagnostics.CodeAnalysis;
using MediaMonitor.Contracts;

namespace MediaMonitor.Api.Queries;

/// <summary>
/// The subscription query language as the Api sees it: validation on create, matching for coverage. One implementation is
/// registered in DI, so the Alerting service's language can replace the simple one without touching the endpoints.
/// </summary>
public interface IArticleQueryLanguage
{
    bool TryCompile(string? query, [NotNullWhen(true)] out IArticleQuery? parsed, [NotNullWhen(false)] out string? error);
}

/// <summary>A parsed query.</summary>
public interface IArticleQuery
{
    bool Matches(MatchableArticle article);
}

/// <summary>What a query can look at: the article's title, text and tagged entities.</summary>
public sealed record MatchableArticle(string Title, string Text, IReadOnlyList<TaggedEntity> Entities);
