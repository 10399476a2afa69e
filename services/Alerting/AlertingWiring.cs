using MassTransit;
using JasperFx.Events.Daemon;
using Marten;
using MediaMonitor.Alerting.Activity;
using MediaMonitor.Alerting.Backfill;
using MediaMonitor.Alerting.Delivery;
using MediaMonitor.Alerting.Digests;
using MediaMonitor.Alerting.Matching;
using MediaMonitor.Alerting.Sources;
using MediaMonitor.Alerting.Spikes;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Alerting;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.ServiceDefaults.EventSchema;
using MediaMonitor.ServiceDefaults.Jobs;
using MediaMonitor.ServiceDefaults.Network;
using MediaMonitor.ServiceDefaults.Replicas;
using MediaMonitor.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaMonitor.Alerting;

/// <summary>Everything the Alerting service needs, in one call from Program.cs.</summary>
public static class AlertingWiring
{
    public static WebApplicationBuilder AddAlerting(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(new ServiceTelemetry("Alerting"));
        builder.Services.AddOptions<AlertingOptions>().Bind(builder.Configuration.GetSection("Alerting")).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertingOptions>, AlertingOptionsValidation>();
        var delivery = builder.Configuration.GetSection("Alerting:Delivery").Get<DeliveryOptions>() ?? new DeliveryOptions();
        var guard = new NetworkGuard(NetworkGuard.AllowedNetworks(builder.Configuration, "Alerting:AllowedNetworks"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AlertingMetrics>();
        builder.Services.AddSingleton<AlertHolds>();
        builder.Services.AddSingleton<StoryLocks>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton<ChannelDeliverer>();
        builder.Services.AddSingleton<ArticleFetchTimes>();
        builder.AddDeliverySecrets();
        builder.Services.AddSingleton<SubscriptionSecrets>();
        // Webhook and Slack URLs come from tenants: every connection is checked by the SSRF guard, and redirects are not followed.
        builder.Services.AddHttpClient<WebhookSender>(http => http.Timeout = TimeSpan.FromSeconds(delivery.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = GuardedConnection.Callback(guard),
            });
        builder.AddEventStore(opts =>
            {
                opts.AddServiceEvents(AlertingEvents.StoredNames);
                opts.Schema.For<PendingDelivery>().Index(p => p.NextAttemptAt);
                RecentAlerts.Register(opts);
                // Backfill reads the article read model: Alerting runs its projection too, so it runs wherever it is read
                // (HotCold: one process at a time holds the shard, whichever of Api and Alerting got it).
                opts.AddArticleProjection();
            })
            .RelayEvents(new RelayDefinition("alerting", AlertingRelay.Events, AlertingRelay.Publishes));
        builder.AddMessageBus(bus =>
        {
            bus.AddConsumer<ArticleMatchingConsumer>();
            bus.AddConsumer<WebhookDeliveryConsumer>();
            // Subscriptions created in bulk start their backfill jobs a batch at a time (one wait, count and insert for all).
            bus.AddConsumer<SubscriptionBackfillConsumer>(c => c.Options<BatchOptions>(o => o
                .SetMessageLimit(SubscriptionBackfillConsumer.BatchSize).SetTimeLimit(SubscriptionBackfillConsumer.BatchWait)));
            bus.AddConsumer<QueryChangeBackfillConsumer>();
            builder.AddJobKind<SubscriptionBackfill>(bus, JobKinds.SubscriptionBackfill);

            // Every replica keeps its own catalog, so each needs its own copy of every subscription event.
            bus.AddReplicaConsumer<SubscriptionCatalogConsumer>();
            bus.AddReplicaConsumer<SubscriptionChangeConsumer>();
            bus.AddReplicaConsumer<SourceWatchersConsumer>();
        });

        // After the event store, so its schema exists before the first load.
        builder.Services.AddReplicaView<SubscriptionCatalog>(CatalogRefresh);
        builder.Services.AddReplicaView<SourceWatchers>(CatalogRefresh);
        builder.Services.AddSingleton<AlertActivityBootstrap>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertActivityBootstrap>());
        builder.Services.AddSingleton<RaisedAlertPushes>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RaisedAlertPushes>());
        builder.Services.AddHostedService<DeliveryRetrySweeper>();
        builder.Services.AddHostedService<DigestScheduler>();
        builder.Services.AddHostedService<SpikeWatcher>();
        return builder;
    }

    private static TimeSpan? CatalogRefresh(IServiceProvider services) =>
        TimeSpan.FromSeconds(Math.Max(1, services.GetRequiredService<IOptions<AlertingOptions>>().Value.CatalogRefreshSeconds));

    /// <summary>
    /// POST /admin/alert-activity/rebuild rebuilds the alert activity read model from the events (operators, through
    /// deploy/local/replay.sh rebuild alert-activity; like the Deduplication's /admin/dedup/rebuild, not exposed through
    /// the Api): 200 when done, 409 while another replica rebuilds it.
    /// </summary>
    public static WebApplication MapAlerting(this WebApplication app)
    {
        app.MapPost("/admin/alert-activity/rebuild", async (AlertActivityBootstrap bootstrap, CancellationToken ct) =>
            await bootstrap.RebuildAsync(ct)
                ? Results.Ok(new { rebuilt = "alert-activity" })
                : Results.Conflict(new { error = "another replica is rebuilding the alert activity read model; try again when it is done" }));
        // The article read model, when this replica's daemon holds its shard (it and the Api both project it; the Api's
        // POST /api/rebuilds/articles answers 409 when it does not hold it).
        app.MapPost("/admin/articles/rebuild", async (IDocumentStore store, NpgsqlDataSource dataSource, IProjectionCoordinator coordinator, CancellationToken ct) =>
            await ArticleRebuild.InRunningDaemonAsync(store, dataSource, coordinator, null, ct) is { } events
                ? Results.Ok(new { rebuilt = "articles", events })
                : Results.Conflict(new { error = "this Alerting replica does not hold the article projection's shard; the Api or another replica does" }));
        return app;
    }
}
