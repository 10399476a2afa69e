using MediaMonitor.ServiceDefaults.Sources;

namespace MediaMonitor.Alerting.Sources;

/// <summary>
/// Which tenants may be alerted about an article: those watching the URL of the source that fetched it (the Api's
/// TenantArticleScope, so alerts show exactly the articles the tenant can open). Articles are shared, so a feed two
/// tenants watch serves both, whichever tenant's source found the article first. Immutable: a change makes a new one.
/// </summary>
public sealed class SourceAudience
{
    private readonly Dictionary<Guid, string> _urlBySource;
    private readonly Dictionary<string, HashSet<string>> _tenantsByUrl;

    private SourceAudience(Dictionary<Guid, string> urlBySource, Dictionary<string, HashSet<string>> tenantsByUrl)
    {
        _urlBySource = urlBySource;
        _tenantsByUrl = tenantsByUrl;
    }

    public static SourceAudience Empty { get; } = new([], new(StringComparer.Ordinal));

    public int Sources => _urlBySource.Count;

    public static SourceAudience From(IEnumerable<SourceRecord> added) => Empty.With(added);

    /// <summary>This audience with more sources added (a source already known is kept as it was).</summary>
    public SourceAudience With(IEnumerable<SourceRecord> added)
    {
        var urlBySource = new Dictionary<Guid, string>(_urlBySource);
        var tenantsByUrl = _tenantsByUrl.ToDictionary(kv => kv.Key, kv => new HashSet<string>(kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var source in added)
        {
            if (!urlBySource.TryAdd(source.Id, source.Url))
            {
                continue;
            }

            if (!tenantsByUrl.TryGetValue(source.Url, out var tenants))
            {
                tenantsByUrl[source.Url] = tenants = new HashSet<string>(StringComparer.Ordinal);
            }

            tenants.Add(source.TenantId);
        }

        return new SourceAudience(urlBySource, tenantsByUrl);
    }

    public bool Knows(Guid sourceId) => _urlBySource.ContainsKey(sourceId);

    /// <summary>Whether the tenant watches the URL of the source that fetched the article (an unknown source reaches nobody).</summary>
    public bool Reaches(Guid sourceId, string tenantId) =>
        _urlBySource.TryGetValue(sourceId, out var url) && _tenantsByUrl.TryGetValue(url, out var tenants) && tenants.Contains(tenantId);
}
