using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MediaMonitor.DemoNewsroom;
using MediaMonitor.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MediaMonitor.Dashboard.Tests;

/// <summary>
/// An analyst in Chromium against the five services on the real servers and the demo newsroom (one story published by
/// three outlets among a dozen others): every figure the pages show is checked against the Api's own answer.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class AnalystScenarioTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    private const string DemoQuery = "NATO center Kazakhstan";
    private const string BrokenQuery = "NATO center AND (Kazakhstan";
    private static readonly TimeSpan Pipeline = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task An_analyst_signs_in_subscribes_watches_the_syndicated_story_arrive_and_follows_it_to_coverage_articles_and_sources()
    {
        Skip.If(ChromiumFixture.MissingReason is not null, ChromiumFixture.MissingReason);
        var content = NewsroomContent.CreateRecent(TimeProvider.System);
        await using var newsroom = await NewsroomServer.StartAsync(content);
        await using var pipeline = await TestSupport.Pipeline.StartAsync();
        var api = await pipeline.CreateTenantAsync();
        var key = api.DefaultRequestHeaders.Authorization!.Parameter!;
        var visits = new PageVisits(output, "analyst");

        var page = await chromium.NewPageAsync(api.BaseAddress!);
        var problems = BrowserProblems.Watch(page);

        // Sign in: the page sends an unknown visitor to the key form.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("#/signin$"));
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(key);
        await visits.VisitedAsync(page, "sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/subscriptions$"));
        await Expect(page.Locator("footer")).ToContainTextAsync("Pacific/Auckland");

        // A query error first: the live check and the creation's 400 both show the Api's 1-based position, with a caret under it.
        var expected = await ValidationErrorAsync(api, BrokenQuery);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Kazakhstan watch");
        await page.GetByLabel("Query", new() { Exact = true }).FillAsync(BrokenQuery);
        await Expect(page.Locator("#new-query-status")).ToHaveTextAsync($"Error at character {expected.Position}: {expected.Message}");
        await AssertCaretAsync(page, BrokenQuery, expected.Position);
        await Expect(page.GetByLabel("Query", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create subscription", Exact = true }).ClickAsync();
        // Only the creation's 400 puts the cursor back in the query, at the character named.
        await Expect(page.GetByLabel("Query", new() { Exact = true })).ToBeFocusedAsync();
        Assert.Equal(expected.Position - 1, await page.GetByLabel("Query", new() { Exact = true }).EvaluateAsync<int>("input => input.selectionStart"));
        await Expect(page.Locator("#new-query-status")).ToHaveTextAsync($"Error at character {expected.Position}: {expected.Message}");
        await visits.VisitedAsync(page, "subscription-query-error");
        Assert.Empty(await ListAsync(api, "/api/subscriptions"));

        await page.GetByLabel("Query", new() { Exact = true }).FillAsync(DemoQuery);
        await Expect(page.Locator("#new-query-status")).ToContainTextAsync("Valid query");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create subscription", Exact = true }).ClickAsync();
        await Expect(page.Locator("p.ok", new() { HasTextString = "Created" })).ToBeVisibleAsync();
        var subscription = Assert.Single(await ListAsync(api, "/api/subscriptions"));
        Assert.Equal(DemoQuery, subscription.GetProperty("query").GetString());
        var subscriptionId = subscription.GetProperty("id").GetGuid();

        // The newsroom's three feeds, added through the sources page; each shows a poll time once the Crawler polled it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sources", Exact = true }).ClickAsync();
        foreach (var feed in newsroom.FeedUrls)
        {
            await page.GetByLabel("Feed, sitemap or page URL").FillAsync(feed.ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Add source", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Watching" })).ToContainTextAsync(feed.ToString());
        }

        await Expect(page.Locator("[data-last-poll]")).ToHaveCountAsync(newsroom.FeedUrls.Count, new() { Timeout = 60_000 });
        foreach (var polled in await ListAsync(api, "/api/sources"))
        {
            var pollTime = await page.Locator($"[data-last-poll='{polled.GetProperty("id").GetGuid()}'] time").GetAttributeAsync("datetime");
            Assert.NotNull(pollTime);
            Assert.True(DateTimeOffset.Parse(pollTime, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-5), $"poll time {pollTime}");
        }

        await visits.VisitedAsync(page, "sources");

        // The alert inbox refreshes itself: the demo story arrives and grows to three copies from three outlets.
        await page.GetByRole(AriaRole.Link, new() { Name = "Subscriptions", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Kazakhstan watch", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-copies]")).ToHaveTextAsync("3", new() { Timeout = (float)Pipeline.TotalMilliseconds });
        var alert = Assert.Single(await ListAsync(api, $"/api/subscriptions/{subscriptionId}/alerts"));
        Assert.Equal(3, alert.GetProperty("copies").GetInt32());
        var storyId = alert.GetProperty("storyId").GetGuid();
        Assert.Equal(storyId.ToString(), await page.Locator("[data-copies]").GetAttributeAsync("data-copies"));
        await Expect(page.Locator("tbody tr")).ToContainTextAsync(alert.GetProperty("title").GetString()!);
        await visits.VisitedAsync(page, "alert-inbox");
        await AssertFitsAPhoneAsync(page, visits.Screenshots);

        await page.GetByRole(AriaRole.Link, new() { Name = "Subscriptions", Exact = true }).ClickAsync();
        await Expect(page.Locator($"[data-alert-count='{subscriptionId}']")).ToHaveTextAsync("1");
        await visits.VisitedAsync(page, "subscriptions");

        // Pause from the list, resume from the edit page: both send If-Match with the version they read.
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause Kazakhstan watch", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume Kazakhstan watch", Exact = true })).ToBeVisibleAsync();
        Assert.True((await api.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{subscriptionId}")).GetProperty("paused").GetBoolean());
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Kazakhstan watch", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Edit Kazakhstan watch");
        await Expect(page.Locator("#edit-pause-title + p .badge")).ToHaveTextAsync("paused");
        // The query's preview: what it would have matched over the last 30 days, as the coverage endpoint counts it.
        var month = await api.GetFromJsonAsync<JsonElement>($"/api/coverage?query={Uri.EscapeDataString(DemoQuery)}&interval=week");
        await Expect(page.Locator("#edit-query-preview")).ToContainTextAsync(
            $"would have matched {month.GetProperty("articles").GetInt32()} articles in {month.GetProperty("stories").GetInt32()} story");
        await visits.VisitedAsync(page, "subscription-edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true }).ClickAsync();
        await Expect(page.Locator("#edit-pause-title + p .badge")).ToHaveTextAsync("active");
        Assert.False((await api.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{subscriptionId}")).GetProperty("paused").GetBoolean());

        // A daily digest by e-mail at 07:30 in the browser's own zone.
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("analyst@example.com");
        await page.GetByLabel("Digest", new() { Exact = true }).SelectOptionAsync("daily");
        await page.GetByLabel("At (HH:mm)", new() { Exact = true }).FillAsync("07:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save delivery", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();
        var delivery = (await api.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{subscriptionId}")).GetProperty("delivery");
        Assert.Equal("analyst@example.com", delivery.GetProperty("email").GetString());
        var digest = delivery.GetProperty("digest");
        Assert.Equal(("Daily", 7, 30, "Pacific/Auckland"), (digest.GetProperty("frequency").GetString(), digest.GetProperty("hour").GetInt32(),
            digest.GetProperty("minute").GetInt32(), digest.GetProperty("timeZone").GetString()));

        // Slack: the URL is a credential, set from the page but never shown back; an empty box keeps it, the box removes it.
        await page.Locator("#edit-slack").FillAsync("https://hooks.slack.com/services/T0000/B0000/dashboardtest");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save delivery", Exact = true }).ClickAsync();
        await Eventually.Until(async () => (await api.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{subscriptionId}")).GetProperty("delivery"),
            d => d.GetProperty("slack").GetBoolean(), TimeSpan.FromSeconds(10), "the Slack URL to be stored", d => d.ToString());
        await page.ReloadAsync();
        await Expect(page.Locator("label[for='edit-slack']")).ToContainTextAsync("(set)");
        await Expect(page.Locator("#edit-slack")).ToHaveValueAsync("");
        await page.GetByLabel("Remove Slack", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save delivery", Exact = true }).ClickAsync();
        var slackGone = await Eventually.Until(async () => (await api.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{subscriptionId}")).GetProperty("delivery"),
            d => !d.GetProperty("slack").GetBoolean(), TimeSpan.FromSeconds(10), "the Slack URL to be removed", d => d.ToString());
        Assert.Equal("analyst@example.com", slackGone.GetProperty("email").GetString());

        // The story: its three articles.
        await page.GetByRole(AriaRole.Link, new() { Name = "Subscriptions", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Kazakhstan watch", Exact = true }).ClickAsync();
        await page.Locator($"a[data-story='{storyId}']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/stories/{storyId}$"));
        await Expect(page.Locator("#story-articles")).ToHaveTextAsync("3");
        await Expect(page.Locator("#story-articles-title + table tbody tr")).ToHaveCountAsync(3);
        await visits.VisitedAsync(page, "story");

        // An article of the story and its history: every step in pipeline order, each with the version that decided it.
        await page.Locator("#story-articles-title + table tbody tr a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(ArticleRoute());
        var articleId = Guid.Parse(ArticleRoute().Match(page.Url).Groups[1].Value);
        var article = await api.GetFromJsonAsync<JsonElement>($"/api/articles/{articleId}");
        var steps = await Eventually.Until(
            async () =>
            {
                await page.ReloadAsync();
                await page.Locator("#article-timeline").WaitForAsync();
                return (await page.Locator("#article-timeline li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.step)")).ToList();
            },
            s => s.Contains("Tagged") && s.Contains("Alerted"), TimeSpan.FromSeconds(30), "the article's timeline with its tagging and the alert",
            s => string.Join(", ", s));
        string[] order = ["Discovered", "Fetched", "Deduplicated", "Tagged"];
        Assert.Equal(order, steps.Where(order.Contains).Distinct());
        var timeline = await page.Locator("#article-timeline").InnerTextAsync();
        foreach (var e in article.GetProperty("events").EnumerateArray())
        {
            foreach (var version in e.GetProperty("data").EnumerateObject().Where(p => p.Name.EndsWith("Version", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.String))
            {
                Assert.Contains(version.Value.GetString()!, timeline, StringComparison.Ordinal);
            }
        }

        await Expect(page.Locator("h1")).ToHaveTextAsync(article.GetProperty("title").GetString()!);
        await visits.VisitedAsync(page, "article");

        // Time travel: the article as the system knew it just after its deduplication, the same as the Api answers for that instant.
        var deduplicated = article.GetProperty("events").EnumerateArray().First(e => e.GetProperty("type").GetString()!.Contains("deduplicated", StringComparison.OrdinalIgnoreCase));
        var decidedAt = deduplicated.GetProperty("timestamp").GetDateTimeOffset();
        var travel = new DateTimeOffset(decidedAt.UtcTicks - (decidedAt.UtcTicks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var auckland = TimeZoneInfo.ConvertTime(travel, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland"));
        // Chromium gives a datetime-local's value without ":00" seconds, which Playwright's fill reports as a malformed value.
        var asOfInput = auckland.ToString(auckland.Second == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("As of (your time)", new() { Exact = true }).FillAsync(asOfInput);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show as it was then", Exact = true }).ClickAsync();
        await Expect(page.Locator("#as-of-note")).ToBeVisibleAsync();
        var then = await api.GetFromJsonAsync<JsonElement>($"/api/articles/{articleId}?asOf={Uri.EscapeDataString(travel.ToString("o", System.Globalization.CultureInfo.InvariantCulture))}");
        var stepsThen = (await page.Locator("#article-timeline li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.step)")).Where(s => s != "Alerted").ToList();
        Assert.Equal(then.GetProperty("events").GetArrayLength(), stepsThen.Count);
        Assert.Contains("Deduplicated", stepsThen);
        await visits.VisitedAsync(page, "article-as-of");
        await page.GoBackAsync();

        // Coverage of the subscription's query: the chart is drawn and its numbers are the Api's.
        await page.GoBackAsync();
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/subscriptions/{subscriptionId}$"));
        var (shown, answered) = await Eventually.Until(
            async () =>
            {
                var response = await page.RunAndWaitForResponseAsync(
                    () => page.Url.Contains("#/coverage", StringComparison.Ordinal) ? page.ReloadAsync() : page.GetByRole(AriaRole.Link, new() { Name = "coverage of this query", Exact = true }).ClickAsync(),
                    r => r.Url.Contains("/api/coverage?", StringComparison.Ordinal));
                await Expect(page.Locator("#coverage-articles")).ToBeVisibleAsync();
                var url = new Uri(response.Url);
                var fromApi = await api.GetFromJsonAsync<JsonElement>(url.PathAndQuery);
                return (await CoverageShownAsync(page), fromApi);
            },
            c => c.Item2.GetProperty("articles").GetInt32() >= 3 && c.Item1.Articles == c.Item2.GetProperty("articles").GetInt32(),
            TimeSpan.FromSeconds(30), "coverage of the three copies, shown as the Api answers it");
        Assert.Equal(answered.GetProperty("articles").GetInt32(), shown.Articles);
        Assert.Equal(answered.GetProperty("stories").GetInt32(), shown.Stories);
        Assert.Equal(answered.GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("articles").GetInt32()), shown.TableArticles);
        Assert.True(shown.Stories >= 1, "at least the demo story");
        Assert.Equal(1, await page.Locator("#coverage-chart canvas").CountAsync());
        var topOutlets = answered.GetProperty("topOutlets").EnumerateArray().Select(o => o.GetProperty("outlet").GetString()!).ToList();
        Assert.True(topOutlets.Count >= 3, "three outlets published the story");
        await Expect(page.Locator("#coverage-outlets-title + table tbody tr")).ToHaveCountAsync(topOutlets.Count);
        await visits.VisitedAsync(page, "coverage");

        // The key is revoked by the operator: the next refresh gets 401 and the page says why, keeping no key.
        await page.GetByRole(AriaRole.Link, new() { Name = "Subscriptions", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Kazakhstan watch", Exact = true }).ClickAsync();
        await RevokeOnlyKeyAsync(pipeline);
        await Expect(page.Locator("#banner")).ToContainTextAsync("this API key was revoked", new() { Timeout = 20_000 });
        await Expect(page).ToHaveURLAsync(new Regex("#/signin$"));
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('mediamonitor.apiKey')"));
        await visits.VisitedAsync(page, "key-revoked");

        string[] pages = ["sign-in", "subscriptions", "subscription-edit", "alert-inbox", "story", "article", "coverage", "sources"];
        Assert.All(pages, name => Assert.Contains(visits.Screenshots.Taken, path => path.EndsWith($"-{name}.png", StringComparison.Ordinal)));
        problems.AssertNone();
        visits.AssertAccessible();
    }

    [SkippableFact]
    public async Task A_wrong_key_typed_with_the_keyboard_alone_gets_the_Apis_reason_and_nothing_is_kept()
    {
        Skip.If(ChromiumFixture.MissingReason is not null, ChromiumFixture.MissingReason);
        await using var pipeline = await TestSupport.Pipeline.StartAsync("Api");
        var api = await pipeline.CreateTenantAsync();
        var visits = new PageVisits(output, "wrong-key");

        var page = await chromium.NewPageAsync(api.BaseAddress!);
        var problems = BrowserProblems.Watch(page);

        await page.GotoAsync("/");
        await Expect(page.GetByLabel("API key", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("mm_not-a-key-of-anybody");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#banner")).ToContainTextAsync("The Api refused this key (401)");
        using (var wrong = new HttpClient { BaseAddress = api.BaseAddress })
        {
            wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "mm_not-a-key-of-anybody");
            using var refused = await wrong.GetAsync(new Uri("/api/keys", UriKind.Relative));
            var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
            await Expect(page.Locator("#banner")).ToContainTextAsync(detail);
        }

        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('mediamonitor.apiKey')"));
        await Expect(page.Locator("#nav")).ToBeHiddenAsync();
        await visits.VisitedAsync(page, "sign-in-refused");

        // The right key, still by keyboard: the banner goes, the pages open, Sign out forgets the key.
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(api.DefaultRequestHeaders.Authorization!.Parameter!);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("#/subscriptions$"));
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("#/signin$"));
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('mediamonitor.apiKey')"));
        problems.AssertNone();
        visits.AssertAccessible();
    }

    private static async Task<(int Position, string Message)> ValidationErrorAsync(HttpClient api, string query)
    {
        using var response = await api.PostAsJsonAsync("/api/queries/validate", new { query });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (problem.GetProperty("position").GetInt32(), problem.GetProperty("message").GetString()!);
    }

    private static async Task AssertCaretAsync(IPage page, string query, int position)
    {
        var echo = (await page.Locator("#new-query-echo").TextContentAsync())!.Split('\n');
        Assert.Equal(query, echo[0]);
        Assert.Equal(new string(' ', position - 1) + "^", echo[1]);
    }

    private static async Task AssertFitsAPhoneAsync(IPage page, Screenshots shots)
    {
        await page.SetViewportSizeAsync(390, 844);
        await shots.TakeAsync(page, "alert-inbox-phone");
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a 390 px phone");
        await page.SetViewportSizeAsync(1280, 900);
    }

    private static async Task<(int Articles, int Stories, int TableArticles)> CoverageShownAsync(IPage page)
    {
        var articles = int.Parse((await page.Locator("#coverage-articles").GetAttributeAsync("data-value"))!, System.Globalization.CultureInfo.InvariantCulture);
        var stories = int.Parse((await page.Locator("#coverage-stories").GetAttributeAsync("data-value"))!, System.Globalization.CultureInfo.InvariantCulture);
        // en-GB groups thousands with ",": the table's cells as a person reads them.
        var cells = await page.Locator("#coverage-results details tbody tr td:nth-child(2)").AllTextContentsAsync();
        var tableArticles = cells.Sum(c => int.Parse(c.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        return (articles, stories, tableArticles);
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient api, string path) =>
        (await api.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().ToList();

    private static async Task RevokeOnlyKeyAsync(TestSupport.Pipeline pipeline)
    {
        using var admin = pipeline.ServiceClient("Api");
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestSupport.Pipeline.AdminKey);
        var keys = await admin.GetFromJsonAsync<JsonElement>("/api/tenants/e2e/keys");
        var keyId = Assert.Single(keys.EnumerateArray().ToList()).GetProperty("keyId").GetString();
        (await admin.DeleteAsync(new Uri($"/api/tenants/e2e/keys/{keyId}", UriKind.Relative))).EnsureSuccessStatusCode();
    }

    [GeneratedRegex("#/articles/([0-9a-f-]{36})$")]
    private static partial Regex ArticleRoute();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DashboardCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "dashboard";
}
