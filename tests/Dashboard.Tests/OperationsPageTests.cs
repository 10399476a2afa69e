using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MediaMonitor.Dashboard.Tests;

/// <summary>The operator's Operations page (admin key) against the Api on the real servers: every figure it shows is the Api's.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OperationsPageTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    private static readonly CultureInfo People = CultureInfo.GetCultureInfo("en-GB");

    [SkippableFact]
    public async Task The_admin_key_opens_the_operations_page_and_its_throughput_lag_queues_and_dead_letters_are_the_Apis()
    {
        Skip.If(ChromiumFixture.MissingReason is not null, ChromiumFixture.MissingReason);
        var managementUrl = $"http://{TestServers.RabbitHost}:{TestServers.RabbitManagementPort}/";
        await using var pipeline = await TestSupport.Pipeline.StartAsync(new Dictionary<string, string?> { ["RabbitMq:ManagementUrl"] = managementUrl }, "Api");
        var tenant = await pipeline.CreateTenantAsync();
        var vhost = pipeline.ServicesOf("Api").GetRequiredService<RabbitMqSettings>().VirtualHost;
        await AppendPipelineEventsAsync(pipeline, discovered: 4, fetched: 3);
        await PrepareQueuesAsync(vhost, depth: 5, faults: 2);
        using var admin = new HttpClient { BaseAddress = tenant.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestSupport.Pipeline.AdminKey);
        // The daemon takes its shards a moment after the Api starts; until it holds the notices shard the rebuild answers 409.
        var rebuild = await Eventually.Until(() => admin.PostAsync(new Uri("/api/rebuilds/notices", UriKind.Relative), null),
            r => r.StatusCode != System.Net.HttpStatusCode.Conflict, TimeSpan.FromSeconds(60), "the Api's daemon holding the notices shard", r => r.StatusCode.ToString());
        rebuild.EnsureSuccessStatusCode();
        var visits = new PageVisits(output, "operations");
        var page = await chromium.NewPageAsync(tenant.BaseAddress!);
        var problems = BrowserProblems.Watch(page);

        // The admin key signs in (it reads no tenant's data) and lands on Operations, the only page in its navigation.
        await page.GotoAsync("/");
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(TestSupport.Pipeline.AdminKey);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("#/operations$"));
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Operations", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Subscriptions", Exact = true })).ToBeHiddenAsync();

        // The management API counts with a delay of up to 5 s; the page refreshes every 5 s until it shows the 5 messages.
        var depth = page.Locator("tr[data-queue='ops-page-depth'] td[data-field='messages']");
        await Expect(depth).ToHaveTextAsync("5", new() { Timeout = 40_000 });
        await Expect(page.Locator("[data-dead-letter='ops-page_error'] [data-field='messages']")).ToHaveTextAsync("2", new() { Timeout = 40_000 });

        var report = await Eventually.Until(() => admin.GetFromJsonAsync<JsonElement>("/api/admin/operations"),
            r => r.GetProperty("jobs").GetProperty("items").EnumerateArray().Any(j => j.GetProperty("state").GetString() == "completed"),
            TimeSpan.FromSeconds(30), "the rebuild of notices to complete");
        var throughput = report.GetProperty("throughput");
        Assert.Equal(4, throughput.GetProperty("totals").GetProperty("discovered").GetInt64());
        foreach (var step in throughput.GetProperty("steps").EnumerateArray().Select(s => s.GetString()!))
        {
            await Expect(page.Locator($"[data-step='{step}'] [data-field='total']")).ToHaveTextAsync(Shown(throughput.GetProperty("totals").GetProperty(step).GetInt64()));
        }

        var eventStore = report.GetProperty("eventStore");
        await Expect(page.Locator("[data-field='highest-sequence']")).ToHaveTextAsync(Shown(eventStore.GetProperty("highestSequence").GetInt64()));
        var progressions = eventStore.GetProperty("progressions").EnumerateArray().ToList();
        Assert.Contains(progressions, p => p.GetProperty("kind").GetString() == "relay");
        await Expect(page.Locator("tr[data-progression]")).ToHaveCountAsync(progressions.Count);
        foreach (var p in progressions)
        {
            var row = page.Locator($"tr[data-progression='{p.GetProperty("name").GetString()}']");
            await Expect(row.Locator("[data-field='position']")).ToHaveTextAsync(Shown(p.GetProperty("lastSequence").GetInt64()));
            await Expect(row.Locator("[data-field='behind']")).ToHaveTextAsync(Shown(p.GetProperty("behind").GetInt64()));
        }

        var broker = report.GetProperty("broker");
        var queues = broker.GetProperty("queues").EnumerateArray().ToList();
        await Expect(page.Locator("tr[data-queue]")).ToHaveCountAsync(queues.Count);
        foreach (var q in queues)
        {
            var row = page.Locator($"tr[data-queue='{q.GetProperty("name").GetString()}']");
            await Expect(row.Locator("[data-field='messages']")).ToHaveTextAsync(Shown(q.GetProperty("messages").GetInt64()));
            await Expect(row.Locator("[data-field='consumers']")).ToHaveTextAsync(Shown(q.GetProperty("consumers").GetInt64()));
        }

        var faulted = broker.GetProperty("deadLetters").EnumerateArray().Single(d => d.GetProperty("queue").GetString() == "ops-page_error");
        var shownFaults = page.Locator("[data-dead-letter='ops-page_error'] td[data-field='exception']");
        await Expect(shownFaults).ToHaveCountAsync(faulted.GetProperty("sample").GetArrayLength());
        foreach (var m in faulted.GetProperty("sample").EnumerateArray())
        {
            await Expect(page.Locator("[data-dead-letter='ops-page_error']")).ToContainTextAsync(
                $"{m.GetProperty("exceptionType").GetString()}: {m.GetProperty("exceptionMessage").GetString()}");
        }

        var job = report.GetProperty("jobs").GetProperty("items").EnumerateArray().Single(j => j.GetProperty("name").GetString() == "notices");
        var jobRow = page.Locator("tr[data-job='rebuild:notices']");
        await Expect(jobRow.Locator("[data-field='state']")).ToHaveTextAsync(job.GetProperty("state").GetString()!);
        var (done, total) = (job.GetProperty("done").GetInt64(), job.GetProperty("total").GetInt64());
        await Expect(jobRow.Locator("[data-field='progress']")).ToContainTextAsync(total > 0 ? $"{Shown(done)} of {Shown(total)} events" : Shown(done));

        // It refreshes by itself: the "Updated" time moves on within a few seconds.
        var updated = await page.Locator("#operations-updated").TextContentAsync();
        await Expect(page.Locator("#operations-updated")).Not.ToHaveTextAsync(updated!, new() { Timeout = 15_000 });
        await visits.VisitedAsync(page, "operations");

        // A tenant's key sees no Operations entry, and the page itself says the Api wants the admin key.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(tenant.DefaultRequestHeaders.Authorization!.Parameter!);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("#/subscriptions$"));
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Operations", Exact = true })).ToBeHiddenAsync();
        await page.GotoAsync("/#/operations");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasTextString = "admin key" })).ToBeVisibleAsync();

        problems.AssertNone();
        visits.AssertAccessible();
    }

    private static string Shown(long value) => value.ToString("N0", People);

    private static async Task AppendPipelineEventsAsync(TestSupport.Pipeline pipeline, int discovered, int fetched)
    {
        await using var session = pipeline.Store.LightweightSession();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < discovered; i++)
        {
            var id = Guid.NewGuid();
            var url = $"https://ops-page.example/{id}";
            var source = Guid.NewGuid();
            session.Events.StartStream(id, new ArticleDiscovered(id, url, url, source, null, null, now, "test"));
            if (i < fetched)
            {
                session.Events.Append(id, new ArticleFetched(id, url, url, "Title", "Text", null, null, source, now, "test"));
            }
        }

        await session.SaveChangesAsync();
    }

    /// <summary>A queue holding <paramref name="depth"/> messages and an error queue holding faults as MassTransit writes them (envelope, MT-Fault-* headers).</summary>
    private static async Task PrepareQueuesAsync(string vhost, int depth, int faults)
    {
        using var management = TestServers.ManagementClient();
        var v = Uri.EscapeDataString(vhost);
        foreach (var queue in new[] { "ops-page-depth", "ops-page_error" })
        {
            (await management.PutAsync($"api/queues/{v}/{queue}", Json("""{"durable":true}"""))).EnsureSuccessStatusCode();
        }

        for (var i = 0; i < depth; i++)
        {
            (await management.PostAsync($"api/exchanges/{v}/amq.default/publish",
                Json($$"""{"properties":{},"routing_key":"ops-page-depth","payload":"message {{i}}","payload_encoding":"string"}"""))).EnsureSuccessStatusCode();
        }

        for (var i = 0; i < faults; i++)
        {
            var envelope = JsonSerializer.Serialize(new
            {
                messageId = Guid.NewGuid(),
                messageType = new[] { "urn:message:MediaMonitor.Contracts:ArticleFetched" },
                sentTime = DateTimeOffset.UtcNow,
                message = new { articleId = Guid.NewGuid() },
            });
            var body = JsonSerializer.Serialize(new
            {
                properties = new Dictionary<string, object>
                {
                    ["headers"] = new Dictionary<string, string>
                    {
                        ["MT-Fault-ExceptionType"] = "System.TimeoutException",
                        ["MT-Fault-Message"] = $"the tagger did not answer (fault {i + 1})",
                        ["MT-Fault-Timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                        ["MT-Reason"] = "fault",
                    },
                },
                routing_key = "ops-page_error",
                payload = envelope,
                payload_encoding = "string",
            });
            (await management.PostAsync($"api/exchanges/{v}/amq.default/publish", Json(body))).EnsureSuccessStatusCode();
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
