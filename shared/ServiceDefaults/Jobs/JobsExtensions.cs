using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MediaMonitor.ServiceDefaults.Jobs;

/// <summary>Job settings bound from the Jobs section.</summary>
public sealed class JobSettings
{
    /// <summary>Items per batch (one message, one transaction).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>A running job whose document has not moved for this long gets its next batch sent again.</summary>
    public int StallSeconds { get; set; } = 120;

    public int SweepSeconds { get; set; } = 30;

    /// <summary>At most this many stalled jobs get their batch sent again per sweep (<see cref="StalledJobKicks"/>).</summary>
    public int StalledKicksPerSweep { get; set; } = 32;
}

/// <summary>The job pattern's wiring: the document in every store, the runner of each kind a service runs.</summary>
public static class JobsExtensions
{
    /// <summary>The job table (mt_doc_job), with numeric revisions for the batch-by-batch optimistic concurrency.</summary>
    public static void AddJobDocuments(this StoreOptions opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        opts.Schema.For<JobDocument>().DocumentAlias("job").UseNumericRevisions(true)
            .Duplicate(j => j.Kind)
            .Duplicate(j => j.TenantId!)
            .Duplicate(j => j.State);
    }

    /// <summary>JobControl and settings, for any service that starts, cancels or resumes jobs (the Api too).</summary>
    public static IHostApplicationBuilder AddJobControl(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(builder.Configuration.GetSection("Jobs").Get<JobSettings>() ?? new JobSettings());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<JobControl>();
        return builder;
    }

    /// <summary>Runs the batches of jobs of one kind in this service: a consumer on the queue "jobs-" + kind, and the stall sweeper.</summary>
    public static IHostApplicationBuilder AddJobKind<TKind>(this IHostApplicationBuilder builder, IBusRegistrationConfigurator bus, string kind)
        where TKind : class, IJobKind
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(bus);
        builder.AddJobControl();
        builder.Services.TryAddSingleton<TKind>();
        builder.Services.AddHostedService<JobStallSweeper<TKind>>();
        var queue = JobKinds.QueueOf(kind);
        bus.AddConsumer<JobBatchConsumer<TKind>>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<JobFaultConsumer<TKind>>().Endpoint(e => e.Name = queue);
        return builder;
    }
}
