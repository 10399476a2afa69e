using MassTransit;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Jobs;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Backfill;

/// <summary>Starts the backfill job of a new subscription (<see cref="SubscriptionBackfill"/> runs it); a redelivered event finds the job.</summary>
public sealed class SubscriptionBackfillConsumer(JobControl jobs, IOptions<AlertingOptions> options, TimeProvider clock, ILogger<SubscriptionBackfillConsumer> logger)
    : IConsumer<SubscriptionCreated>
{
    public async Task Consume(ConsumeContext<SubscriptionCreated> context)
    {
        var created = context.Message;
        var (subscription, error) = Subscription.From(created);
        if (subscription is null)
        {
            logger.LogWarning("No backfill for subscription {SubscriptionId}: its query does not parse ({Error})", created.SubscriptionId, error);
            return;
        }

        if (options.Value.BackfillDays <= 0)
        {
            return;
        }

        await jobs.StartAsync(SubscriptionBackfillJobs.For(subscription.Id, subscription.TenantId, 1, created.CreatedAt, options.Value.BackfillDays, clock.GetUtcNow()),
            context.CancellationToken);
    }
}
