using Marten;
using MediaMonitor.Api.Sources;
using MediaMonitor.ServiceDefaults.Sources;

namespace MediaMonitor.Api.Articles;

/// <summary>
/// Which articles a tenant may see: those found through a source whose URL the tenant also watches. Articles are shared
/// (one stream per canonical URL), so a feed two tenants watch serves both, whichever tenant's source found it first.
/// </summary>
public static class TenantArticleScope
{
    /// <summary>The ids of every source (any tenant's) whose URL this tenant watches.</summary>
    public static async Task<IReadOnlyList<Guid>> SourceIdsVisibleToAsync(this IQuerySession session, string tenantId, CancellationToken ct)
    {
        var urls = await session.Query<SourceRecord>().Where(s => s.TenantId == tenantId).Select(s => s.Url).ToListAsync(ct);
        if (urls.Count == 0)
        {
            return [];
        }

        var urlArray = urls.Distinct().ToArray();
        return await session.Query<SourceRecord>().Where(s => urlArray.Contains(s.Url)).Select(s => s.Id).ToListAsync(ct);
    }
}
