using System.Diagnostics.CodeAnalysis;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Api.Queries;

/// <summary>
/// The analysts' query language of shared/Text/Querying (words, "phrases", AND/OR/NOT, NEAR/n, fields such as entity:),
/// the same parser and matcher the Alerting service uses on live traffic.
/// </summary>
public sealed class SubscriptionQueryLanguage : IArticleQueryLanguage
{
    public bool TryCompile(string? query, [NotNullWhen(true)] out IArticleQuery? parsed, [NotNullWhen(false)] out QueryParseError? error)
    {
        var result = QueryParser.Parse(query);
        if (result.Query is null)
        {
            parsed = null;
            error = result.Error!;
            return false;
        }

        parsed = new CompiledQuery(result.Query);
        error = null;
        return true;
    }

    private sealed class CompiledQuery(Query query) : IArticleQuery
    {
        private readonly IndexVerdict _verdict = new(query);

        public bool Matches(MatchableArticle article) => query.Matches(ToDocument(article));

        public string? Prefilter { get; } = SearchPrefilter.For(query);

        public IReadOnlySet<string> PrefilterTokens { get; } = SearchPrefilter.Required(query);

        public IReadOnlyList<string> Probes => _verdict.Probes;

        public bool? DecideWithoutText(MatchableArticle withoutText, IReadOnlyList<bool> present, Func<string, bool> outsideText) =>
            _verdict.Decide(() => ToDocument(withoutText), present, outsideText);

        public bool DecidesWithoutText => _verdict.Decisive;

        public override string ToString() => query.ToString();
    }

    /// <summary>The document exactly as Alerting builds it (shared ArticleDocument).</summary>
    internal static MatchDocument ToDocument(MatchableArticle article) =>
        ArticleDocument.Create(article.Title, article.Text, ArticleDocument.OutletOf(article.SiteName, article.Url), article.Url, article.Language, article.Entities);
}
