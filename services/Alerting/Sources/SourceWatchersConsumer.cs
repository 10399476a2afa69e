using MassTransit;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Sources;

namespace MediaMonitor.Alerting.Sources;

/// <summary>Adds a new source to this replica's <see cref="SourceWatchers"/> (each replica has its own temporary queue).</summary>
public sealed class SourceWatchersConsumer(SourceWatchers watchers) : IConsumer<SourceAdded>
{
    public Task Consume(ConsumeContext<SourceAdded> context)
    {
        watchers.Apply(SourceRecordProjection.Create(context.Message));
        return Task.CompletedTask;
    }
}
