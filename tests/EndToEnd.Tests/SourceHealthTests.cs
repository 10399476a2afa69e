using MediaMonitor.Api.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MediaMonitor.EndToEnd.Tests;

/// <summary>Source health in the Api as the real Crawler, in its own host, polls real sites.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SourceHealthTests
{
    [Fact]
    public async Task The_Api_shows_the_health_the_Crawler_records_for_a_working_and_a_failing_source()
    {
        await using var outlet = await ArticleFeedSite.StartAsync();
        outlet.Publish("budget", "Parliament passes the budget", "The parliament passed the budget on Tuesday after a long debate.");
        await using var broken = await LoopbackSite.StartAsync((app, _) => app.MapGet("/feed.xml", () => Results.StatusCode(503)));
        await using var pipeline = await Pipeline.StartAsync("Api", "Crawler");
        var api = await pipeline.CreateTenantAsync();
        var working = await AddAsync(api, outlet.FeedUrl);
        var failing = await AddAsync(api, new Uri(broken.BaseAddress, "/feed.xml"));
        Assert.Null(working.LastPolledAt);

        var polled = await Eventually.Until(() => GetAsync(api, working.Id), s => s.LastSuccessAt is not null && s.ItemsPerDay.Sum(d => d.NewItems) >= 1,
            TimeSpan.FromSeconds(60), "the working source's first successful poll", s => $"lastPolledAt={s.LastPolledAt} items={s.ItemsPerDay.Sum(d => d.NewItems)}");
        Assert.Equal(0, polled.ConsecutiveFailures);
        Assert.Null(polled.LastError);

        var failed = await Eventually.Until(() => GetAsync(api, failing.Id), s => s.ConsecutiveFailures >= 1,
            TimeSpan.FromSeconds(60), "the failing source's first failure", s => $"lastPolledAt={s.LastPolledAt} failures={s.ConsecutiveFailures}");
        Assert.NotNull(failed.LastPolledAt);
        Assert.Contains("503", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.LastSuccessAt);

        var listed = (await api.GetFromJsonAsync<List<SourceView>>("/api/sources"))!;
        // The list shows the same recorded poll, or a later one: the source keeps being polled meanwhile.
        Assert.True(listed.Single(s => s.Id == working.Id).LastSuccessAt >= polled.LastSuccessAt, "the list shows the working source's last success");
        Assert.True(listed.Single(s => s.Id == failing.Id).ConsecutiveFailures >= 1, "the list shows the failing source's failures");
    }

    private static async Task<SourceView> AddAsync(HttpClient api, Uri feed)
    {
        var response = await api.PostAsJsonAsync("/api/sources", new { url = feed.ToString() });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SourceView>())!;
    }

    private static async Task<SourceView> GetAsync(HttpClient api, Guid id) => (await api.GetFromJsonAsync<SourceView>($"/api/sources/{id}"))!;
}
