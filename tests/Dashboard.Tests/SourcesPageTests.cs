using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MediaMonitor.Dashboard.Tests;

/// <summary>The sources page's OPML import against the Api on the real servers.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SourcesPageTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    private const string Opml = """
        <?xml version="1.0" encoding="utf-8"?>
        <opml version="2.0">
          <head><title>Analyst's feeds</title></head>
          <body>
            <outline text="Regional">
              <outline text="Herald" type="rss" xmlUrl="https://herald.example.org/feed.xml"/>
              <outline text="Wire" type="rss" xmlUrl="https://wire.example.org/rss"/>
            </outline>
            <outline text="Broken" type="rss" xmlUrl="javascript:alert(1)"/>
          </body>
        </opml>
        """;

    [SkippableFact]
    public async Task An_OPML_file_chosen_on_the_sources_page_adds_its_feeds_and_says_which_it_rejected_and_why()
    {
        Skip.If(ChromiumFixture.MissingReason is not null, ChromiumFixture.MissingReason);
        await using var pipeline = await TestSupport.Pipeline.StartAsync("Api");
        var api = await pipeline.CreateTenantAsync();
        var visits = new PageVisits(output, "sources-opml");
        var page = await chromium.NewPageAsync(api.BaseAddress!);
        var problems = BrowserProblems.Watch(page);

        await page.GotoAsync("/");
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(api.DefaultRequestHeaders.Authorization!.Parameter!);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sources", Exact = true }).ClickAsync();
        await page.GetByLabel("OPML file", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "feeds.opml", MimeType = "text/x-opml", Buffer = Encoding.UTF8.GetBytes(Opml),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(page.GetByText("2 added, 0 already watched, 1 rejected.")).ToBeVisibleAsync();

        // The same file again through the Api: both feeds are there now, and the rejection reads as the page showed it.
        using var again = new StringContent(Opml, Encoding.UTF8, "text/x-opml");
        var answer = await (await api.PostAsync(new Uri("/api/sources/opml", UriKind.Relative), again)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, answer.GetProperty("alreadyPresent").GetInt32());
        var rejected = Assert.Single(answer.GetProperty("rejected").EnumerateArray().ToList());
        await Expect(page.Locator("li")).ToHaveTextAsync($"{rejected.GetProperty("url").GetString()}: {rejected.GetProperty("reason").GetString()}");
        foreach (var url in new[] { "https://herald.example.org/feed.xml", "https://wire.example.org/rss" })
        {
            await Expect(page.Locator("tbody tr", new() { HasTextString = url })).ToContainTextAsync("not polled yet");
        }

        await visits.VisitedAsync(page, "imported", "sources after an OPML import");
        problems.AssertNone();
        visits.AssertAccessible();
    }
}
