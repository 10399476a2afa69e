using System.Diagnostics.CodeAnalysis;
using MediaMonitor.Contracts;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Api.Queries;

/// <summary>
/// The analysts' query language of shared/Text/Querying (words, "phrases", AND/OR/NOT, NEAR/n, fields such as entity:),
/// the same parser and matcher the Alerting service uses on live traffic.
/// </summary>
public sealed class SubscriptionQueryLanguage : IArticleQueryLanguage
{
    public bool TryCompile(string? query, [NotNullWhen(true)] out IArticleQuery? parsed, [NotNullWhen(false)] out string? error)
    {
        var result = QueryParser.Parse(query);
        if (result.Query is null)
        {
            parsed = null;
            error = "query " + result.Error;
            return false;
        }

        parsed = new CompiledQuery(result.Query);
        error = null;
        return true;
    }

    private sealed class CompiledQuery(Query query) : IArticleQuery
    {
        public bool Matches(MatchableArticle article) => query.Matches(ToDocument(article));

        public override string ToString() => query.ToString();
    }

    /// <summary>The document as Alerting builds it (ArticleFacts.ToDocument): source is the outlet plus the host, entities by kind.</summary>
    internal static MatchDocument ToDocument(MatchableArticle article)
    {
        var host = Uri.TryCreate(article.Url, UriKind.Absolute, out var uri) ? uri.Host : string.Empty;
        var outlet = string.IsNullOrWhiteSpace(article.SiteName)
            ? (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host)
            : article.SiteName.Trim();
        return MatchDocument.Create(article.Title, article.Text, outlet + " " + host, null,
            article.Entities.Select(e => new DocumentEntity(KindOf(e), e.Name, e.SurfaceForms)));
    }

    private static DocumentEntityKind KindOf(TaggedEntity entity) => entity.Type switch
    {
        EntityType.Person => DocumentEntityKind.Person,
        EntityType.Organization => DocumentEntityKind.Organization,
        EntityType.Location when entity.EntityId.StartsWith("country", StringComparison.OrdinalIgnoreCase)
            || entity.EntityId.StartsWith("iso", StringComparison.OrdinalIgnoreCase) => DocumentEntityKind.Country,
        EntityType.Location => DocumentEntityKind.Place,
        _ => DocumentEntityKind.Other,
    };
}
