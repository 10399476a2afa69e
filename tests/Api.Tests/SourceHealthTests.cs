namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class SourceHealthTests(ApiFixture api)
{
    [Fact]
    public async Task Crawler_events_on_the_source_stream_show_as_health_in_the_source_listing_and_detail()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var source = (await (await client.PostAsJsonAsync("/api/sources", new { url = "https://example.org/health.xml" })).Content.ReadFromJsonAsync<SourceView>())!;
        var day1 = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        var day2 = day1.AddDays(1);

        await using (var session = api.Store.LightweightSession())
        {
            session.Events.Append(
                source.Id,
                new SourcePolled(source.Id, 3, "\"e1\"", null, false, day1),
                new SourcePolled(source.Id, 2, "\"e2\"", null, false, day1.AddHours(1)),
                new MalformedFeedRecovered(source.Id, "unescaped ampersand at line 4", 5, day2),
                new SourcePolled(source.Id, 4, "\"e3\"", null, false, day2),
                new SourceFailed(source.Id, "HTTP 503", day2.AddHours(1)),
                new SourceFailed(source.Id, "HTTP 503", day2.AddHours(2)),
                new SourceDisabled(source.Id, "3 failures in a row", 3, day2.AddHours(3)));
            await session.SaveChangesAsync();
        }

        // The health projection is async (the Crawler appends these in its own process): it shows a moment later.
        var detail = await Eventually.Until(async () => (await client.GetFromJsonAsync<SourceView>($"/api/sources/{source.Id}"))!, d => d.Disabled,
            TimeSpan.FromSeconds(30), "the disabled source's health");
        Assert.Equal(day2.AddHours(2), detail.LastPolledAt);
        Assert.Equal(day2, detail.LastSuccessAt);
        Assert.Equal("HTTP 503", detail.LastError);
        Assert.Equal(day2.AddHours(2), detail.LastErrorAt);
        Assert.Equal(3, detail.ConsecutiveFailures);
        Assert.True(detail.Disabled);
        Assert.Equal("3 failures in a row", detail.DisabledReason);
        Assert.Equal([new DailyItems(new DateOnly(2026, 11, 28), 4), new DailyItems(new DateOnly(2026, 11, 27), 5)], detail.ItemsPerDay);
        Assert.Equal("unescaped ampersand at line 4", detail.LastMalformedReason);
        Assert.Equal(1, detail.MalformedRecoveries);

        await using (var session = api.Store.LightweightSession())
        {
            session.Events.Append(source.Id, new SourceResumed(source.Id, day2.AddHours(4)));
            await session.SaveChangesAsync();
        }

        var listed = Assert.Single(await Eventually.Until(async () => (await client.GetFromJsonAsync<List<SourceView>>("/api/sources"))!,
            l => l.Count == 1 && !l[0].Disabled, TimeSpan.FromSeconds(30), "the resumed source in the listing"));
        Assert.False(listed.Disabled);
        Assert.Equal(0, listed.ConsecutiveFailures);
        Assert.Equal("HTTP 503", listed.LastError);
        Assert.Equal(2, listed.ItemsPerDay.Count);
    }

    [Fact]
    public void Items_per_day_keeps_only_the_newest_seven_days_newest_first()
    {
        IReadOnlyList<DailyItems> days = [];
        for (var i = 0; i < 10; i++)
        {
            days = ApiSourceHealthProjection.AddItems(days, new DateOnly(2026, 11, 1).AddDays(i), i);
        }

        days = ApiSourceHealthProjection.AddItems(days, new DateOnly(2026, 11, 10), 5);
        Assert.Equal(ApiSourceHealth.DaysKept, days.Count);
        Assert.Equal(new DailyItems(new DateOnly(2026, 11, 10), 14), days[0]);
        Assert.Equal(new DateOnly(2026, 11, 4), days[^1].Day);
    }
}
