namespace MediaMonitor.Crawler.WebSub;

/// <summary>What a poll's discovery asks of the subscriber.</summary>
public enum WebSubStep
{
    Nothing,

    /// <summary>A hub or topic not subscribed to before: record WebSubHubDiscovered, subscribe with a new secret.</summary>
    SubscribeNew,

    /// <summary>The same hub and topic, but the subscription lapsed, failed, was denied or never verified: ask again.</summary>
    SubscribeAgain,
}

/// <summary>A verification of intent answered: the HTTP status and body, the subscription after it (null = delete), and the event to record.</summary>
public sealed record VerificationOutcome(int Status, string Body, WebSubSubscription? After, object? Event);

/// <summary>The WebSub subscriber's decisions, pure: when to subscribe, how to answer a verification, when to poll while subscribed.</summary>
public static class WebSubPlan
{
    /// <summary>The share of a lease after which it is renewed.</summary>
    public const double RenewAtShare = 0.8;

    public static WebSubStep AfterPoll(WebSubSubscription? current, (string Hub, string Topic)? advertised, DateTimeOffset now)
    {
        if (advertised is not { } found)
        {
            return WebSubStep.Nothing;
        }

        if (current is null || current.Hub != found.Hub || current.Topic != found.Topic)
        {
            return WebSubStep.SubscribeNew;
        }

        if (current.State == WebSubState.Unsubscribing || current.Holds(now) || now < current.RetryAt)
        {
            return WebSubStep.Nothing;
        }

        return WebSubStep.SubscribeAgain;
    }

    /// <summary>
    /// While the lease holds, the next poll comes after the slow interval instead of the adaptive one, but never after the
    /// lease ends (so a lapsed or failed subscription falls back to normal polling at once).
    /// </summary>
    public static DateTimeOffset NextPollAt(DateTimeOffset adaptiveNext, WebSubSubscription? current, DateTimeOffset now, TimeSpan slow)
    {
        if (current is null || !current.Holds(now))
        {
            return adaptiveNext;
        }

        var slowNext = now + slow;
        var leaseEnd = current.LeaseExpiresAt!.Value;
        return slowNext < leaseEnd ? slowNext : leaseEnd;
    }

    /// <summary>
    /// Answers the hub's GET on the callback (https://www.w3.org/TR/websub/#hub-verifies-intent): the challenge is echoed
    /// only for the topic of a subscription that is pending or active (subscribe) or being cancelled (unsubscribe); a
    /// denial is recorded. Anything else is 404, so nobody can confirm a subscription the Crawler did not ask for.
    /// </summary>
    public static VerificationOutcome Verify(
        WebSubSubscription? current, string? mode, string? topic, string? challenge, string? leaseSeconds, string? reason, DateTimeOffset now, WebSubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var notFound = new VerificationOutcome(404, "no such subscription", current, null);
        if (current is null || topic is null || !string.Equals(current.Topic, topic, StringComparison.Ordinal))
        {
            return notFound;
        }

        switch (mode)
        {
            case "subscribe" when !string.IsNullOrEmpty(challenge) && current.State is WebSubState.Pending or WebSubState.Active:
            {
                var lease = int.TryParse(leaseSeconds, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var granted) && granted > 0
                    ? granted
                    : options.LeaseSeconds;
                var expires = now + TimeSpan.FromSeconds(lease);
                current.State = WebSubState.Active;
                current.LeaseExpiresAt = expires;
                current.RenewAt = now + TimeSpan.FromSeconds(lease * RenewAtShare);
                current.RetryAt = expires;
                return new VerificationOutcome(200, challenge, current,
                    new Events.WebSubSubscribed(current.Id, current.Hub, current.Topic, lease, expires, now));
            }

            case "unsubscribe" when !string.IsNullOrEmpty(challenge) && current.State == WebSubState.Unsubscribing:
                return new VerificationOutcome(200, challenge, null, new Events.WebSubUnsubscribed(current.Id, current.Hub, current.Topic, now));

            case "denied" when current.State is WebSubState.Pending or WebSubState.Active:
                current.State = WebSubState.Denied;
                current.LeaseExpiresAt = null;
                current.RenewAt = null;
                current.RetryAt = now + TimeSpan.FromSeconds(options.RetrySeconds);
                return new VerificationOutcome(200, string.Empty, current,
                    new Events.WebSubSubscriptionFailed(current.Id, current.Hub, current.Topic, "denied by the hub" + (string.IsNullOrWhiteSpace(reason) ? string.Empty : ": " + reason), true, now));

            default:
                return notFound;
        }
    }
}
