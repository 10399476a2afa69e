using JasperFx.Events.Daemon;
using MassTransit;
using MediaMonitor.Api.Operations;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.Api.Tests;

/// <summary>GET /api/admin/operations on the real servers: counts from the event store, lag from the daemon's progress, queues from RabbitMQ.</summary>
[Collection(ApiCollection.Name)]
public sealed class OperationsEndpointTests(ApiFixture api)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Operations_need_the_admin_key()
    {
        using var anonymous = api.Client();
        var (_, tenant, _) = await api.NewTenantAsync();
        using var admin = api.Client(ApiFixture.AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/admin/operations", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.GetAsync(new Uri("/api/admin/operations", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/api/admin/operations", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Throughput_counts_the_pipeline_events_stored_this_minute_by_step()
    {
        var before = await ReportAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var session = api.Store.LightweightSession())
        {
            foreach (var i in Enumerable.Range(0, 3))
            {
                var id = Guid.NewGuid();
                var url = $"https://ops.example/{id}";
                var source = Guid.NewGuid();
                session.Events.StartStream(id, new ArticleDiscovered(id, url, url, source, null, null, now, "test"));
                if (i < 2)
                {
                    session.Events.Append(id, new ArticleFetched(id, url, url, "Title", "Text", null, null, source, now, "test"));
                }
            }

            await session.SaveChangesAsync();
        }

        var after = await ReportAsync();

        var totalsBefore = before.GetProperty("throughput").GetProperty("totals");
        var totalsAfter = after.GetProperty("throughput").GetProperty("totals");
        Assert.Equal(3, totalsAfter.GetProperty("discovered").GetInt64() - totalsBefore.GetProperty("discovered").GetInt64());
        Assert.Equal(2, totalsAfter.GetProperty("fetched").GetInt64() - totalsBefore.GetProperty("fetched").GetInt64());
        Assert.Equal(totalsBefore.GetProperty("tagged").GetInt64(), totalsAfter.GetProperty("tagged").GetInt64());
        var minutes = after.GetProperty("throughput").GetProperty("minutes").EnumerateArray().ToList();
        Assert.Equal(ThroughputSeries.Minutes, minutes.Count);
        // The events were stored in the last (current) minute or, at a minute's turn, the one before.
        var recent = minutes.TakeLast(2).Sum(m => m.GetProperty("counts").GetProperty("discovered").GetInt64())
            - before.GetProperty("throughput").GetProperty("minutes").EnumerateArray().TakeLast(2).Sum(m => m.GetProperty("counts").GetProperty("discovered").GetInt64());
        Assert.InRange(recent, 3, 3 + totalsBefore.GetProperty("discovered").GetInt64());
        Assert.Equal(totalsAfter.GetProperty("discovered").GetInt64(), minutes.Sum(m => m.GetProperty("counts").GetProperty("discovered").GetInt64()));
    }

    [Fact]
    public async Task Projections_and_relays_of_a_paused_daemon_show_how_far_behind_they_are_and_since_when()
    {
        var first = await Eventually.Until(ReportAsync,
            r => Progressions(r).Any(p => p.GetProperty("kind").GetString() == "projection"), Wait, "a projection's progress row");
        var names = Progressions(first).Where(p => p.GetProperty("kind").GetString() is "projection" or "relay").Select(p => p.GetProperty("name").GetString()!).ToList();
        // Stopping one agent is not enough: the coordinator restarts it. Pausing stops every agent and the restarts.
        var coordinator = api.Host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            var appendedAt = DateTimeOffset.UtcNow;
            await using (var session = api.Store.LightweightSession())
            {
                var id = Guid.NewGuid();
                session.Events.StartStream(id, new ArticleDiscovered(id, "https://ops.example/lag", "https://ops.example/lag", Guid.NewGuid(), null, null, appendedAt, "test"));
                await session.SaveChangesAsync();
            }

            await Task.Delay(1500);
            var report = await ReportAsync();
            var highest = report.GetProperty("eventStore").GetProperty("highestSequence").GetInt64();
            foreach (var row in Progressions(report).Where(p => names.Contains(p.GetProperty("name").GetString()!)))
            {
                Assert.True(row.GetProperty("behind").GetInt64() >= 1, row.ToString());
                Assert.Equal(highest - row.GetProperty("lastSequence").GetInt64(), row.GetProperty("behind").GetInt64());
                Assert.True(row.GetProperty("oldestUnprocessedAgeSeconds").GetDouble() >= 1, row.ToString());
                Assert.InRange(row.GetProperty("oldestUnprocessedAt").GetDateTimeOffset(), appendedAt.AddSeconds(-30), appendedAt.AddSeconds(5));
            }
        }
        finally
        {
            await coordinator.ResumeAsync();
        }

        var caughtUp = await Eventually.Until(ReportAsync,
            r => Progressions(r).Where(p => names.Contains(p.GetProperty("name").GetString()!)).All(p => p.GetProperty("behind").GetInt64() == 0), Wait,
            "the resumed daemon to catch up", r => r.GetProperty("eventStore").ToString());
        Assert.All(Progressions(caughtUp).Where(p => names.Contains(p.GetProperty("name").GetString()!)),
            p => Assert.Equal(JsonValueKind.Null, p.GetProperty("oldestUnprocessedAt").ValueKind));
    }

    [Fact]
    public async Task Queue_depth_and_consumers_are_what_the_broker_holds()
    {
        var queue = "ops-depth-" + Guid.NewGuid().ToString("N")[..8];
        using var management = TestServers.ManagementClient();
        var vhost = Uri.EscapeDataString(api.VirtualHost);
        (await management.PutAsync($"api/queues/{vhost}/{queue}", Json("""{"durable":true}"""))).EnsureSuccessStatusCode();
        foreach (var i in Enumerable.Range(0, 7))
        {
            var publish = await management.PostAsync($"api/exchanges/{vhost}/amq.default/publish",
                Json($$"""{"properties":{},"routing_key":"{{queue}}","payload":"message {{i}}","payload_encoding":"string"}"""));
            publish.EnsureSuccessStatusCode();
            Assert.Contains("\"routed\":true", await publish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var report = await Eventually.Until(ReportAsync, r => Queue(r, queue)?.GetProperty("messages").GetInt64() == 7, Wait,
            "the management API to count 7 messages", r => r.GetProperty("broker").ToString());

        var broker = report.GetProperty("broker");
        Assert.True(broker.GetProperty("configured").GetBoolean());
        Assert.Equal(api.VirtualHost, broker.GetProperty("virtualHost").GetString());
        var row = Queue(report, queue)!.Value;
        Assert.Equal((7, 0, 0), (row.GetProperty("ready").GetInt64(), row.GetProperty("unacknowledged").GetInt64(), row.GetProperty("consumers").GetInt32()));
    }

    [Fact]
    public async Task Faulted_and_skipped_messages_are_listed_with_their_exception_and_stay_queued()
    {
        var endpoint = "ops-fault-" + Guid.NewGuid().ToString("N")[..8];
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(TestServers.RabbitHost, (ushort)TestServers.RabbitPort, api.VirtualHost, h =>
            {
                h.Username("guest");
                h.Password("guest");
            });
            rabbit.ReceiveEndpoint(endpoint, e => e.Handler<OperationsProbe>(context =>
                throw new InvalidOperationException($"probe {context.Message.Number} failed on purpose")));
        });
        await bus.StartAsync();
        try
        {
            var send = await bus.GetSendEndpoint(new Uri($"queue:{endpoint}"));
            await send.Send(new OperationsProbe(1));
            await send.Send(new OperationsProbe(2));
            await send.Send(new OperationsStray("nobody consumes this type here"));

            var report = await Eventually.Until(ReportAsync,
                r => DeadLetter(r, endpoint + "_error") is { } e && e.GetProperty("messages").GetInt64() == 2
                    && DeadLetter(r, endpoint + "_skipped") is { } s && s.GetProperty("messages").GetInt64() == 1,
                Wait, "the error and skipped queues to hold 2 and 1", r => r.GetProperty("broker").ToString());

            var errors = DeadLetter(report, endpoint + "_error")!.Value;
            Assert.Equal("error", errors.GetProperty("kind").GetString());
            var sample = errors.GetProperty("sample").EnumerateArray().ToList();
            Assert.Equal(2, sample.Count);
            Assert.Equal(["probe 1 failed on purpose", "probe 2 failed on purpose"],
                sample.Select(m => m.GetProperty("exceptionMessage").GetString()).Order(StringComparer.Ordinal));
            Assert.All(sample, m =>
            {
                Assert.Equal(typeof(OperationsProbe).FullName, m.GetProperty("messageType").GetString());
                Assert.Equal(typeof(InvalidOperationException).FullName, m.GetProperty("exceptionType").GetString());
                Assert.InRange(m.GetProperty("time").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
            });
            var skipped = Assert.Single(DeadLetter(report, endpoint + "_skipped")!.Value.GetProperty("sample").EnumerateArray());
            Assert.Equal(typeof(OperationsStray).FullName, skipped.GetProperty("messageType").GetString());
            Assert.Equal(JsonValueKind.Null, skipped.GetProperty("exceptionMessage").ValueKind);

            // Peeking put them back: the broker still holds all three (rabbitmqctl-exact via a second get, not the 5 s stats).
            using var management = TestServers.ManagementClient();
            var vhost = Uri.EscapeDataString(api.VirtualHost);
            var again = await management.PostAsync($"api/queues/{vhost}/{endpoint}_error/get",
                Json("""{"count":10,"ackmode":"ack_requeue_true","encoding":"auto"}"""));
            Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    [Fact]
    public async Task A_read_model_rebuild_is_listed_as_a_job_with_the_progress_the_rebuild_endpoint_reports()
    {
        using var admin = api.Client(ApiFixture.AdminKey);
        var started = await admin.PostAsync(new Uri("/api/rebuilds/source-health", UriKind.Relative), null);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());

        var report = await Eventually.Until(ReportAsync, r => Job(r, "source-health")?.GetProperty("state").GetString() == "completed", Wait,
            "the rebuild to complete", r => r.GetProperty("jobs").ToString());

        var rebuild = await admin.GetFromJsonAsync<JsonElement>("/api/rebuilds/source-health");
        var job = Job(report, "source-health")!.Value;
        Assert.True(report.GetProperty("jobs").GetProperty("available").GetBoolean());
        Assert.Equal("rebuild", job.GetProperty("kind").GetString());
        Assert.Equal((rebuild.GetProperty("done").GetInt64(), rebuild.GetProperty("total").GetInt64()),
            (job.GetProperty("done").GetInt64(), job.GetProperty("total").GetInt64()));
        Assert.Equal(rebuild.GetProperty("startedAt").GetDateTimeOffset(), job.GetProperty("startedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Running_and_failed_backfill_and_reprocessing_jobs_are_listed_with_their_progress_running_first()
    {
        var now = DateTimeOffset.UtcNow;
        var subscription = Guid.NewGuid();
        var backfill = SubscriptionBackfillJobs.For(subscription, "ops-tenant", 1, now, 30, now.AddSeconds(-10))
            with { Total = 400 };
        backfill = backfill.After(new JobBatchResult(200, "c1", false, new Dictionary<string, long>()), now);
        var reprocessing = ReprocessingJobs.For(
                new ReprocessingRequested(Guid.NewGuid(), now.AddDays(-2), now.AddDays(-1), null, now.AddMinutes(-5), "operator"))
            .Fail("the tagger was unreachable after 3 retries", now.AddMinutes(-4));
        await using (var session = api.Store.LightweightSession())
        {
            session.Store(backfill, reprocessing);
            await session.SaveChangesAsync();
        }

        var report = await ReportAsync();
        var items = report.GetProperty("jobs").GetProperty("items").EnumerateArray().ToList();
        var running = items.Single(j => j.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetGuid() == backfill.Id);
        Assert.Equal("subscription-backfill", running.GetProperty("kind").GetString());
        Assert.Equal("running", running.GetProperty("state").GetString());
        Assert.Contains(subscription.ToString("D"), running.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal((200L, 400L), (running.GetProperty("done").GetInt64(), running.GetProperty("total").GetInt64()));
        Assert.Equal(20.0, running.GetProperty("ratePerSecond").GetDouble(), 1);
        Assert.Equal(10.0, running.GetProperty("secondsLeft").GetDouble(), 1);

        var failed = items.Single(j => j.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetGuid() == reprocessing.Id);
        Assert.Equal(("reprocessing", "failed"), (failed.GetProperty("kind").GetString(), failed.GetProperty("state").GetString()));
        Assert.Equal("the tagger was unreachable after 3 retries", failed.GetProperty("error").GetString());

        var states = items.Select(j => j.GetProperty("state").GetString()).ToList();
        Assert.True(states.IndexOf("running") < states.IndexOf("failed"), string.Join(", ", states));
    }

    [Fact]
    public async Task Without_a_management_url_the_broker_part_says_it_is_not_configured()
    {
        using var http = new HttpClient();
        var report = await new BrokerManagement(http, new RabbitMqSettings()).ReportAsync(CancellationToken.None);
        Assert.False(report.Configured);
        Assert.Null(report.Error);
        Assert.Empty(report.Queues);
    }

    [Fact]
    public async Task A_management_api_that_refuses_the_credentials_becomes_an_error_in_the_report()
    {
        using var http = new HttpClient();
        var settings = new RabbitMqSettings { ManagementUrl = ApiFixture.ManagementUrl, ManagementUsername = "guest", ManagementPassword = "wrong", VirtualHost = api.VirtualHost };
        var report = await new BrokerManagement(http, settings).ReportAsync(CancellationToken.None);
        Assert.True(report.Configured);
        Assert.Contains("401", report.Error, StringComparison.Ordinal);
    }

    private async Task<JsonElement> ReportAsync()
    {
        using var admin = api.Client(ApiFixture.AdminKey);
        return await admin.GetFromJsonAsync<JsonElement>("/api/admin/operations");
    }

    private static List<JsonElement> Progressions(JsonElement report) =>
        [.. report.GetProperty("eventStore").GetProperty("progressions").EnumerateArray()];

    private static JsonElement? Queue(JsonElement report, string name) =>
        report.GetProperty("broker").GetProperty("queues").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(q => q!.Value.GetProperty("name").GetString() == name);

    private static JsonElement? DeadLetter(JsonElement report, string queue) =>
        report.GetProperty("broker").GetProperty("deadLetters").EnumerateArray().Cast<JsonElement?>()
            .FirstOrDefault(q => q!.Value.GetProperty("queue").GetString() == queue);

    private static JsonElement? Job(JsonElement report, string name) =>
        report.GetProperty("jobs").GetProperty("items").EnumerateArray().Cast<JsonElement?>()
            .FirstOrDefault(j => j!.Value.GetProperty("name").GetString() == name);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

/// <summary>A message whose handler always throws (its copies land in the endpoint's _error queue).</summary>
public sealed record OperationsProbe(int Number);

/// <summary>A message sent to an endpoint that has no consumer for it (it lands in the _skipped queue).</summary>
public sealed record OperationsStray(string Note);
