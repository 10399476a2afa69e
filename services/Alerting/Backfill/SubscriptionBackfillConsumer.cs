using MassTransit;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Jobs;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Backfill;

/// <summary>
/// Starts the backfill jobs of new subscriptions (<see cref="SubscriptionBackfill"/> runs them), a batch of events at a
/// time: subscriptions created in bulk (an import, a tenant's onboarding) share one wait for the article read model, one
/// query for which windows hold any candidate article and one insert, and the jobs of those whose window holds none are
/// completed then and there (<see cref="SubscriptionBackfill.PlanAsync"/>). A redelivered event finds its job.
/// </summary>
public sealed class SubscriptionBackfillConsumer(
    JobControl jobs, SubscriptionBackfill backfill, IOptions<AlertingOptions> options, TimeProvider clock, ILogger<SubscriptionBackfillConsumer> logger)
    : IConsumer<Batch<SubscriptionCreated>>
{
    /// <summary>At most this many events a batch; a lone event waits at most <see cref="BatchWait"/> for others.</summary>
    public const int BatchSize = 100;

    public static readonly TimeSpan BatchWait = TimeSpan.FromMilliseconds(100);

    public async Task Consume(ConsumeContext<Batch<SubscriptionCreated>> context)
    {
        if (options.Value.BackfillDays <= 0)
        {
            return;
        }

        var starts = new List<(JobDocument, Subscription)>(context.Message.Length);
        foreach (var created in context.Message.Select(m => m.Message))
        {
            var (subscription, error) = Subscription.From(created);
            if (subscription is null)
            {
                logger.LogWarning("No backfill for subscription {SubscriptionId}: its query does not parse ({Error})", created.SubscriptionId, error);
                continue;
            }

            starts.Add((SubscriptionBackfillJobs.For(subscription.Id, subscription.TenantId, 1, created.CreatedAt, options.Value.BackfillDays, clock.GetUtcNow()),
                subscription));
        }

        var started = await jobs.StartAsync(await backfill.PlanAsync(starts, context.CancellationToken), context.CancellationToken);
        logger.LogInformation("Started {Jobs} subscription backfill jobs: {Completed} completed at once (no candidate article in their window), {Running} running",
            started.Count, started.Count(j => j.State == JobState.Completed), started.Count(j => j.State == JobState.Running));
    }
}
