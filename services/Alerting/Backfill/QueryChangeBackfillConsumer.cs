using JasperFx.Events;
using Marten;
using MassTransit;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Jobs;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Backfill;

/// <summary>
/// Starts the backfill job of a subscription's new query (<see cref="SubscriptionBackfill"/> runs it), unless the
/// subscription is paused: a paused subscription raises nothing. A window with no candidate article completes the job at
/// once (<see cref="SubscriptionBackfill.PlanAsync"/>). A redelivered event finds the job.
/// </summary>
public sealed class QueryChangeBackfillConsumer(
    IDocumentStore store, JobControl jobs, SubscriptionBackfill backfill, IOptions<AlertingOptions> options, TimeProvider clock, ILogger<QueryChangeBackfillConsumer> logger)
    : IConsumer<SubscriptionQueryChanged>
{
    public async Task Consume(ConsumeContext<SubscriptionQueryChanged> context)
    {
        var changed = context.Message;
        IReadOnlyList<IEvent> stream;
        await using (var session = store.QuerySession())
        {
            stream = await session.Events.FetchStreamAsync(changed.SubscriptionId, token: context.CancellationToken);
        }

        // The stream up to and including this change, so a later change does not backfill this one's query.
        var at = stream.FirstOrDefault(e => Equals(e.Data, changed));
        var history = SubscriptionHistory.Fold(stream.TakeWhile(e => e != at).Select(e => e.Data).Append(changed));
        if (at is null || history.Subscription is not { } subscription || subscription.QueryText != changed.Query)
        {
            logger.LogWarning("No backfill for subscription {SubscriptionId}: its new query does not parse ({Error})", changed.SubscriptionId, history.Error);
            return;
        }

        if (history.IsPausedAt(clock.GetUtcNow()))
        {
            logger.LogInformation("No backfill for subscription {SubscriptionId}: it is paused", changed.SubscriptionId);
            return;
        }

        if (options.Value.BackfillDays <= 0)
        {
            return;
        }

        var job = SubscriptionBackfillJobs.For(subscription.Id, subscription.TenantId, at.Version, changed.ChangedAt, options.Value.BackfillDays, clock.GetUtcNow());
        await jobs.StartAsync(await backfill.PlanAsync([(job, subscription)], context.CancellationToken), context.CancellationToken);
    }
}
