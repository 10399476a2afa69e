using System.Security.Cryptography;
using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Crawler.Polling;
using MediaMonitor.Crawler.WebSub.Events;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Crawler.WebSub;

/// <summary>
/// The subscriber side of WebSub: after a poll, subscribes to the hub a feed advertises (and slows that source's polling
/// while the lease holds); renews leases before they end; unsubscribes a disabled source. The subscription lives in a
/// <see cref="WebSubSubscription"/> document stored before the hub is asked, so the hub's verification may reach any replica
/// at once; each step is recorded on the source's stream.
/// </summary>
public sealed class WebSubSubscriber(IDocumentStore store, HubClient hub, CrawlerOptions options, TimeProvider clock, ILogger<WebSubSubscriber> logger) : IDisposable
{
    private readonly SemaphoreSlim _verified = new(0, 1);

    public bool Enabled => options.WebSub.Enabled;

    /// <summary>Subscribes when the poll discovered a hub that needs it; returns the source with its next poll moved to the slow interval while a lease holds.</summary>
    public async Task<WatchedSource> AfterPollAsync(WatchedSource polled, (string Hub, string Topic)? advertised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(polled);
        if (!Enabled || polled.Disabled)
        {
            return polled;
        }

        var now = clock.GetUtcNow();
        await using (var session = store.LightweightSession())
        {
            var current = await session.LoadAsync<WebSubSubscription>(polled.SourceId, cancellationToken);
            var step = WebSubPlan.AfterPoll(current, advertised, now);
            if (step == WebSubStep.Nothing)
            {
                return polled with { NextPollAt = WebSubPlan.NextPollAt(polled.NextPollAt, current, now, TimeSpan.FromSeconds(options.WebSub.PollIntervalWhileSubscribedSeconds)) };
            }

            var (hubUrl, topic) = advertised!.Value;
            var subscription = current ?? new WebSubSubscription { Id = polled.SourceId };
            subscription.Hub = hubUrl;
            subscription.Topic = topic;
            subscription.Callback = options.WebSub.CallbackFor(polled.SourceId);
            subscription.Secret = NewSecret();
            subscription.State = WebSubState.Pending;
            subscription.RequestedAt = now;
            subscription.LeaseExpiresAt = null;
            subscription.RenewAt = null;
            subscription.RetryAt = now + TimeSpan.FromSeconds(options.WebSub.RetrySeconds);
            session.Store(subscription);
            if (step == WebSubStep.SubscribeNew)
            {
                session.Events.Append(polled.SourceId, new WebSubHubDiscovered(polled.SourceId, hubUrl, topic, now));
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (WriteConflict.Is(ex))
            {
                return polled;
            }
        }

        await RequestAsync(polled.SourceId, "subscribe", cancellationToken);
        return polled;
    }

    /// <summary>
    /// Renews every lease due (80% of it gone) that no other replica has claimed; returns when the next one falls due. A
    /// lease that ended is not renewed here: the source is polled normally again and its next poll subscribes anew.
    /// </summary>
    public async Task<DateTimeOffset?> RenewDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<WebSubSubscription> due;
        await using (var query = store.QuerySession())
        {
            due = [.. await query.Query<WebSubSubscription>()
                .Where(s => s.State == WebSubState.Active && s.RenewAt <= now && s.LeaseExpiresAt > now)
                .OrderBy(s => s.RenewAt)
                .Take(100)
                .ToListAsync(cancellationToken)];
        }

        foreach (var subscription in due)
        {
            // Claim it: the write fails if another replica renewed or a verification landed since it was read.
            var remaining = (subscription.LeaseExpiresAt ?? now) - now;
            subscription.RenewAt = now + TimeSpan.FromSeconds(Math.Clamp(remaining.TotalSeconds / 2, 1, 60));
            await using var session = store.LightweightSession();
            session.Update(subscription);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (WriteConflict.Is(ex))
            {
                continue;
            }

            await RequestAsync(subscription.Id, "subscribe", cancellationToken);
        }

        await using var next = store.QuerySession();
        var upcoming = await next.Query<WebSubSubscription>()
            .Where(s => s.State == WebSubState.Active && s.LeaseExpiresAt > now)
            .OrderBy(s => s.RenewAt)
            .FirstOrDefaultAsync(cancellationToken);
        return upcoming?.RenewAt;
    }

    /// <summary>Asks the hub to stop pushing a source that was disabled; the subscription goes when the hub verifies it.</summary>
    public async Task UnsubscribeAsync(Guid sourceId, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        await using (var session = store.LightweightSession())
        {
            var current = await session.LoadAsync<WebSubSubscription>(sourceId, cancellationToken);
            if (current is null || current.State == WebSubState.Unsubscribing)
            {
                return;
            }

            current.State = WebSubState.Unsubscribing;
            session.Update(current);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (WriteConflict.Is(ex))
            {
                return;
            }
        }

        await RequestAsync(sourceId, "unsubscribe", cancellationToken);
    }

    /// <summary>Called when a verification landed here, so the renewal loop looks at the new lease.</summary>
    public void Verified()
    {
        try
        {
            _verified.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits until <paramref name="delay"/> passes or a verification lands.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) => await _verified.WaitAsync(delay, cancellationToken);

    private async Task RequestAsync(Guid sourceId, string mode, CancellationToken cancellationToken)
    {
        WebSubSubscription? subscription;
        await using (var query = store.QuerySession())
        {
            subscription = await query.LoadAsync<WebSubSubscription>(sourceId, cancellationToken);
        }

        if (subscription is null)
        {
            return;
        }

        var problem = await hub.RequestAsync(subscription, mode, cancellationToken);
        if (problem is null)
        {
            logger.LogInformation("Asked {Hub} to {Mode} {Topic} for source {SourceId}", subscription.Hub, mode, subscription.Topic, sourceId);
            return;
        }

        logger.LogWarning("WebSub {Mode} of {Topic} at {Hub} failed: {Problem}; the source is polled as before", mode, subscription.Topic, subscription.Hub, problem);
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var current = await session.LoadAsync<WebSubSubscription>(sourceId, cancellationToken);
        if (current is null)
        {
            return;
        }

        if (mode == "unsubscribe")
        {
            // The hub cannot be told; forget the subscription so later pushes are refused (410) and its lease lapses.
            session.Delete(current);
        }
        else if (current.State == WebSubState.Pending)
        {
            current.State = WebSubState.Failed;
            current.RetryAt = now + TimeSpan.FromSeconds(options.WebSub.RetrySeconds);
            session.Update(current);
        }

        session.Events.Append(sourceId, new WebSubSubscriptionFailed(sourceId, current.Hub, current.Topic, $"{mode}: {problem}", false, now));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (WriteConflict.Is(ex))
        {
            // A verification landed meanwhile; it is the newer word.
        }
    }

    public void Dispose() => _verified.Dispose();

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
