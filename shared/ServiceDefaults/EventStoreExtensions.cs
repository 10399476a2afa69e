using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.ServiceDefaults.Daemon;
using MediaMonitor.ServiceDefaults.Entities;
using MediaMonitor.ServiceDefaults.EventSchema;
using MediaMonitor.ServiceDefaults.Jobs;
using MediaMonitor.ServiceDefaults.Secrets;
using MediaMonitor.ServiceDefaults.Sources;
using MediaMonitor.ServiceDefaults.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Weasel.Core;

namespace MediaMonitor.ServiceDefaults;

/// <summary>The one Marten event store (and document store) every service shares.</summary>
public static class EventStoreExtensions
{
    /// <summary>Every event type in the contracts; each store knows all of them so any service can read any stream.</summary>
    public static readonly Type[] ContractEventTypes = [.. StoredEventNames.ByType.Keys];

    /// <summary>
    /// Marten on ConnectionStrings:Postgres with the async daemon in EventStore:DaemonMode (default HotCold). The daemon's
    /// high-water agent is woken by PostgreSQL's NOTIFY, which every service sends after its commits that append events
    /// (<see cref="AppendAnnouncer"/>; EventStore:NotifyOnAppend, default true), so a hop costs no polling delay; it polls every EventStore:PollingMilliseconds (default 20) while events
    /// flow and every EventStore:IdlePollingMilliseconds (default 1000) when they do not, a fallback for a lost
    /// notification rather than the way events are found.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IHostApplicationBuilder builder, Action<StoreOptions>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set (environment variable ConnectionStrings__Postgres).");
        var settings = builder.Configuration.GetSection("EventStore").Get<EventStoreSettings>() ?? new EventStoreSettings();

        // Created by the container, so the container disposes it (closing its pooled connections) when the host stops.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ArticleSearch>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [ServiceDefaultsExtensions.ReadyTag]);
        var wakeup = new AppendWakeup(TimeSpan.FromMilliseconds(settings.LeastPollGapMilliseconds));
        builder.Services.AddSingleton(wakeup);
        var announcement = new AppendAnnouncement(wakeup);
        builder.Services.AddSingleton(announcement);
        if (settings.NotifyOnAppend)
        {
            builder.Services.AddHostedService<EventsAppendedListener>();
            builder.Services.AddHostedService<AppendAnnouncer>();
        }

        if (settings.DaemonMode != DaemonMode.Disabled)
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddSingleton<StoppedShardRecovery>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<StoppedShardRecovery>());
        }

        return builder.Services.AddMarten(opts =>
            {
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                opts.Events.MetadataConfig.HeadersEnabled = true;
                opts.Events.MetadataConfig.CorrelationIdEnabled = true;
                opts.Events.MetadataConfig.CausationIdEnabled = true;
                opts.AddContractEvents(StoredEventUpcasts.All);
                // Created by the Api, not by Marten: no service's migration may drop it.
                opts.Events.IgnoreIndex(EventTimestampIndex.Name);
                opts.Projections.FastPollingTime = TimeSpan.FromMilliseconds(settings.PollingMilliseconds);
                opts.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(settings.IdlePollingMilliseconds);
                opts.Projections.StaleSequenceThreshold = TimeSpan.FromMilliseconds(settings.StaleSequenceThresholdMilliseconds);
                if (settings.NotifyOnAppend)
                {
                    opts.Projections.Wakeup = wakeup;
                    opts.Listeners.Add(new CommittedEventsListener(announcement));
                }
                opts.Listeners.Add(new TraceContextListener());
                opts.AddArticleReadModel();
                opts.AddJobDocuments();
                opts.AddSourceReadModel();
                opts.AddOperatorEntityReadModel();
                opts.AddSubscriptionReadModel();
                // Every service knows the table (so whichever starts first creates it); only Api and Alerting hold the key.
                opts.Schema.For<DeliverySecret>().DocumentAlias("delivery_secret");
                configure?.Invoke(opts);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(settings.DaemonMode);
    }
}

/// <summary>Event store settings bound from the EventStore section.</summary>
public sealed class EventStoreSettings
{
    /// <summary>How often the high-water agent polls while events flow.</summary>
    public int PollingMilliseconds { get; set; } = 20;

    /// <summary>How often it polls when the last poll found nothing new (a notification wakes it sooner).</summary>
    public int IdlePollingMilliseconds { get; set; } = 1000;

    /// <summary>
    /// How long a gap in the event sequence (numbers drawn by a transaction that rolled back, or one still running) holds
    /// every daemon's high-water mark before Marten looks for a live transaction that could still fill it; it skips the gap
    /// only when it finds none, so a slow commit is waited for whatever this says. Marten's default is 3,000 ms, which a
    /// single rolled-back append added to every hop of the pipeline behind it.
    /// </summary>
    public int StaleSequenceThresholdMilliseconds { get; set; } = 500;

    /// <summary>
    /// The least time between two polls of the high-water agent, however many commits notify it: while events flow, each
    /// poll lets every shard (relays, projections) fetch and record its progress, so polling on every commit cost
    /// PostgreSQL more per article at 20 articles/s than a burst's larger batches did. A hop waits at most this much more.
    /// </summary>
    public int LeastPollGapMilliseconds { get; set; } = 50;

    /// <summary>Announce committed appends with PostgreSQL's NOTIFY and wake the high-water agent on it instead of only polling.</summary>
    public bool NotifyOnAppend { get; set; } = true;

    /// <summary>
    /// The least time between two announcements (NOTIFYs) of one service's committed appends; the commits in between are
    /// announced together, so another service's hop waits at most this much more. 50 ms: every announcement wakes every
    /// service's daemon, and at 10 ms the wake-ups of a steady 20 articles/s cost more CPU than the waits saved (the
    /// pipeline benchmark's WebSub run, docs/PERFORMANCE.md, stop 37).
    /// </summary>
    public int LeastNotifyGapMilliseconds { get; set; } = 50;

    public DaemonMode DaemonMode { get; set; } = DaemonMode.HotCold;

    /// <summary>How often the daemon's shards are checked for one that stopped itself (<see cref="StoppedShardRecovery"/>).</summary>
    public int StoppedShardCheckSeconds { get; set; } = 5;

    /// <summary>How long the relay waits for RabbitMQ to confirm one publish before it runs the page again.</summary>
    public int RelayPublishTimeoutSeconds { get; set; } = 30;
}
