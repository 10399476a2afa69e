using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Alerting.Digests;

/// <summary>What a digest lists: the stories first alerted in the period, with their copies and outlets so far, the most copied first.</summary>
public static class DigestContent
{
    public static IReadOnlyList<DigestItem> Items(IEnumerable<AlertRaised> raisedInPeriod, IEnumerable<AlertUpdated> updates, int maxStories)
    {
        var byAlert = updates.GroupBy(u => u.AlertId).ToDictionary(g => g.Key, g => g.ToList());
        return [.. raisedInPeriod
            .Where(r => !r.Backfilled)
            .GroupBy(r => r.AlertId)
            .Select(g => g.First())
            .Select(r =>
            {
                var later = byAlert.GetValueOrDefault(r.AlertId) ?? [];
                var outlets = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var outlet in later.Select(u => u.Outlet).Prepend(r.Outlet).OfType<string>())
                {
                    outlets.Add(outlet);
                }

                var copies = 1 + later.Select(u => u.ArticleId).Distinct().Count(a => a != r.FirstArticleId);
                return new DigestItem(r.AlertId, r.StoryId, r.Title, r.Url, copies, [.. outlets], r.RaisedAt);
            })
            .OrderByDescending(i => i.Copies).ThenBy(i => i.RaisedAt).ThenBy(i => i.AlertId)
            .Take(Math.Max(1, maxStories))];
    }
}
