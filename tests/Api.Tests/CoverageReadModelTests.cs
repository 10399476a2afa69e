using Marten.Events;
using MediaMonitor.Api.Queries;
using MediaMonitor.Contracts.Deduplication;

using static MediaMonitor.Api.Tests.TestArticles;

namespace MediaMonitor.Api.Tests;

/// <summary>Coverage from the article read model: the full-text prefilter never drops a match, the report's lists, asOf.</summary>
[Collection(ApiCollection.Name)]
public sealed class CoverageReadModelTests(ApiFixture api)
{
    private static readonly DateTimeOffset Day = new(2026, 10, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Title, string Text, string Site, TaggedEntity[] Entities)[] Articles =
    [
        ("Zürich bank fined", "Regulators in Zürich fined the bank; the CEO's statement followed.", "Swiss Wire", [Org("Q1", "FINMA", ["Swiss Financial Market Supervisory Authority"])]),
        ("Zurich bank fined", "Zurich regulators and the chief executive's statement.", "Alpine Daily", []),
        ("NATO center opens", "The NATO-led center in Kazakhstan near Almaty opens in 2026.", "Herald", [Place("country:KZ", "Kazakhstan")]),
        ("Peacekeeping drill", "A peacekeeping drill in Kazakhstan; NATO observers attend.", "Courier", [Org("Q7184", "NATO", ["North Atlantic Treaty Organization"])]),
        ("Peskov speaks", "Dmitry Peskov said the Kremlin would respond.", "Wire", [Person("Q4", "Dmitry Peskov", ["Peskov"])]),
        ("Kremlin statement", "The Kremlin spokesman spoke to reporters about sanctions.", "Wire", [Person("Q4", "Dmitry Peskov", ["Kremlin spokesman"])]),
        ("Sanctioned oligarchs", "New sanctions hit oligarchs; sanctioning continues.", "Ledger", []),
        ("Wheat harvest", "Farmers in Kansas report a record harvest of wheat.", "Farm News", []),
        ("Xinjiang report", "A report on Xinjiang and xenon imports, C++ and F# developers.", "Tech", []),
        ("Ελληνικά νέα", "Η Αθήνα και η ΝΑΤΟ συνεδριάζουν σήμερα.", "Kathimerini", []),
    ];

    private static readonly string[] QueryTexts =
    [
        "Zürich", "zurich", "\"chief executive's\"", "NATO AND Kazakhstan", "NATO NEAR/3 center", "entity:\"Dmitry Peskov\"", "person:peskov",
        "org:\"North Atlantic Treaty Organization\"", "sanction*", "harvest OR xenon", "harvest AND NOT Zurich", "Kremlin AND NOT Peskov", "country:KZ", "lang:el",
        "Αθήνα", "source:wire", "title:fined", "C++", "2026",
    ];

    public static TheoryData<string> Queries => new(QueryTexts);

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Coverage_counts_exactly_what_the_live_matcher_matches_over_every_stored_article(string query)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var source = await AddSourceAsync(client);
        var stored = (await StoreTaggedAsync(api, source, Day, Articles)).Values;
        Assert.True(new SubscriptionQueryLanguage().TryCompile(query, out var parsed, out _));
        var expected = stored.Count(parsed.Matches);

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/coverage?query={Uri.EscapeDataString(query)}&from=2026-10-05&to=2026-10-06&interval=hour");

        Assert.Equal(expected, report.GetProperty("articles").GetInt32());
    }

    [Fact]
    public void The_sample_queries_match_some_articles_and_miss_others()
    {
        // Guards the theory above against proving nothing: its queries must both match and miss stored articles.
        var language = new SubscriptionQueryLanguage();
        var articles = Articles.Select((a, i) => new MatchableArticle(a.Title, a.Text, a.Site, $"https://x{i}.example/", a.Entities,
            MediaMonitor.Text.Languages.LanguageDetector.Detect(a.Title + "\n" + a.Text))).ToList();
        var counts = QueryTexts.Select(q => { Assert.True(language.TryCompile(q, out var p, out _)); return articles.Count(p.Matches); }).ToList();
        Assert.All(counts, c => Assert.InRange(c, 1, Articles.Length - 1));
    }

    [Fact]
    public async Task Coverage_lists_top_outlets_and_entities_and_the_first_and_latest_article_and_asOf_ignores_later_events()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var source = await AddSourceAsync(client);
        var story = Guid.NewGuid();
        var first = await AppendAsync(source, "Herald", "Glacier melt measured", Day.AddHours(1), story, [Place("country:CH", "Switzerland")]);
        await AppendAsync(source, "Herald", "Glacier melt again", Day.AddHours(5), story, [Place("country:CH", "Switzerland")]);
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        var latest = await AppendAsync(source, "Courier", "Glacier melt worsens", Day.AddHours(9), Guid.NewGuid(), [Org("Q1", "WMO", [])]);
        await using (var session = api.Store.LightweightSession())
        {
            // Re-tagged after the instant: asOf must show the tagging known then.
            session.Events.Append(first, new EntitiesTagged(first, [Org("Q1", "WMO", [])], Day.AddDays(1), "test-2"));
            await session.SaveChangesAsync();
        }

        await api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var url = "/api/coverage?query=glacier&from=2026-10-05&to=2026-10-06&interval=day";

        var now = await client.GetFromJsonAsync<JsonElement>(url);
        var then = await client.GetFromJsonAsync<JsonElement>(url + "&asOf=" + Uri.EscapeDataString(before.ToString("O")));

        Assert.Equal((3, 2), (now.GetProperty("articles").GetInt32(), now.GetProperty("stories").GetInt32()));
        Assert.Equal(first, now.GetProperty("first").GetProperty("articleId").GetGuid());
        Assert.Equal(latest, now.GetProperty("latest").GetProperty("articleId").GetGuid());
        Assert.Equal([("Herald", 2), ("Courier", 1)],
            now.GetProperty("topOutlets").EnumerateArray().Select(o => (o.GetProperty("outlet").GetString(), o.GetProperty("articles").GetInt32())));
        Assert.Equal([("WMO", 2), ("Switzerland", 1)],
            now.GetProperty("topEntities").EnumerateArray().Select(o => (o.GetProperty("name").GetString(), o.GetProperty("articles").GetInt32())));

        Assert.Equal((2, 1), (then.GetProperty("articles").GetInt32(), then.GetProperty("stories").GetInt32()));
        Assert.Equal([("Switzerland", 2)],
            then.GetProperty("topEntities").EnumerateArray().Select(o => (o.GetProperty("name").GetString(), o.GetProperty("articles").GetInt32())));
    }

    [Fact]
    public async Task Story_answers_its_articles_outlets_entities_first_and_last_seen_and_asOf_leaves_out_a_later_copy()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var (_, stranger, _) = await api.NewTenantAsync();
        var source = await AddSourceAsync(client);
        var story = Guid.NewGuid();
        var original = await AppendAsync(source, "Herald", "Glacier melt measured", Day.AddHours(1), story, [Place("country:CH", "Switzerland")]);
        await api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        var copy = await AppendAsync(source, "Courier", "Glacier melt measured (copy)", Day.AddHours(4), story, [Place("country:CH", "Switzerland")]);
        await api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var now = await client.GetFromJsonAsync<JsonElement>($"/api/stories/{story}");
        var then = await client.GetFromJsonAsync<JsonElement>($"/api/stories/{story}?asOf={Uri.EscapeDataString(before.ToString("O"))}");

        Assert.Equal([original, copy], now.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("articleId").GetGuid()));
        Assert.Equal(["Courier", "Herald"], now.GetProperty("outlets").EnumerateArray().Select(o => o.GetProperty("outlet").GetString()));
        Assert.Equal(("Switzerland", 2), (now.GetProperty("entities")[0].GetProperty("name").GetString(), now.GetProperty("entities")[0].GetProperty("articles").GetInt32()));
        Assert.Equal((Day.AddHours(1), Day.AddHours(4)), (now.GetProperty("firstSeen").GetDateTimeOffset(), now.GetProperty("lastSeen").GetDateTimeOffset()));
        Assert.Equal([original], then.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("articleId").GetGuid()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/articles/{copy}?asOf=2020-01-01", UriKind.Relative))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri($"/api/stories/{story}", UriKind.Relative))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync(new Uri($"/api/stories/{story}?asOf=someday", UriKind.Relative))).StatusCode);
    }

    private async Task<Guid> AppendAsync(Guid source, string site, string title, DateTimeOffset at, Guid story, TaggedEntity[] entities)
    {
        var url = $"https://{site.ToLowerInvariant()}.example/{Guid.NewGuid():N}";
        var id = StreamIdentity.ForArticle(url);
        await using var session = api.Store.LightweightSession();
        session.Events.StartStream(id,
            new ArticleFetched(id, url, url, title, "Ice loss in the Alps.", at, site, source, at, "test"),
            new ArticleDeduplicated(id, DedupVerdict.Original, null, 1.0, story, at, "test"),
            new EntitiesTagged(id, entities, at, "test"));
        await session.SaveChangesAsync();
        return id;
    }
}
