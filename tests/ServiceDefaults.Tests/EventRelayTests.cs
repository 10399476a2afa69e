namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class EventRelayTests
{
    [Fact]
    public async Task Appended_event_reaches_a_RabbitMQ_consumer_with_the_event_id_as_message_id()
    {
        var env = await TestEnvironment.CreateAsync("relay");
        var received = new ConcurrentDictionary<Guid, ArticleFetched>();

        await using var host = await RelayLoop.StartAsync<RecordingConsumer>(env.Settings, "RelayTest", [typeof(ArticleFetched)], s => s.AddSingleton(received));

        var articleId = StreamIdentity.ForArticle("https://example.org/a");
        var fetched = new ArticleFetched(articleId, "https://example.org/a", "https://example.org/a", "T", "Body", null, "Example",
            Guid.NewGuid(), DateTimeOffset.UtcNow, "test");
        Guid eventId;
        await using (var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Events.StartStream(articleId, fetched);
            await session.SaveChangesAsync();
            eventId = (await session.Events.FetchStreamAsync(articleId)).Single().Id;
        }

        await Eventually.Until(() => Task.FromResult(received.Count), c => c >= 1, TimeSpan.FromSeconds(30), "the relayed message");
        var (messageId, message) = received.Single();
        Assert.Equal(eventId, messageId);
        Assert.Equal(fetched, message with { });
    }

    [Fact]
    public async Task Ready_endpoint_reports_PostgreSQL_and_RabbitMQ_healthy()
    {
        var env = await TestEnvironment.CreateAsync("ready");
        await using var host = await ServiceHost.StartAsync(
            typeof(EventRelayTests).Assembly,
            env.Settings,
            builder =>
            {
                builder.AddServiceDefaults(new ServiceTelemetry("ReadyTest"));
                builder.AddEventStore();
                builder.AddMessageBus();
            },
            app => app.MapDefaultEndpoints());
        using var http = host.CreateClient();

        var ready = await Eventually.Until(
            async () => await (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).Content.ReadAsStringAsync(),
            body => body.Contains("\"status\":\"Healthy\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "ready");
        Assert.Contains("postgres", ready, StringComparison.Ordinal);
        Assert.Contains("masstransit", ready, StringComparison.OrdinalIgnoreCase);
        var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.True(live.IsSuccessStatusCode);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("# TYPE", metrics, StringComparison.Ordinal);
    }
}

public sealed class RecordingConsumer(ConcurrentDictionary<Guid, ArticleFetched> received) : IConsumer<ArticleFetched>
{
    public Task Consume(ConsumeContext<ArticleFetched> context)
    {
        received[context.MessageId!.Value] = context.Message;
        return Task.CompletedTask;
    }
}
