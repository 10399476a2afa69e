namespace MediaMonitor.Alerting.Delivery;

/// <summary>What to do next about delivering an alert, digest or spike notice on one channel.</summary>
public abstract record DeliveryStep
{
    private DeliveryStep()
    {
    }

    /// <summary>Nothing left to do: delivered, given up, or nothing to deliver to.</summary>
    public sealed record Done(string Why) : DeliveryStep;

    /// <summary>Try now; this is attempt number <see cref="Attempt"/>.</summary>
    public sealed record Attempt(int Number) : DeliveryStep;

    /// <summary>Try again at <see cref="At"/> (exponential backoff after the last failure, or another replica's claim lapsing).</summary>
    public sealed record WaitUntil(DateTimeOffset At) : DeliveryStep;

    /// <summary>Give up: the retry window is over or the target can never work.</summary>
    public sealed record DeadLetter(string Reason) : DeliveryStep;

    /// <summary>Do not push this alert (muted, over the hourly limit); it stays in the inbox.</summary>
    public sealed record Skip(string Reason) : DeliveryStep;
}

/// <summary>
/// The retry rule: attempt at once, then after initial x 2^(failures-1) (capped) since the last failure, for as long as
/// the next attempt still falls within the retry window counted from when the alert was raised (the digest compiled, the
/// spike detected); then dead-letter. An attempt another replica has claimed is left to it until its claim lapses.
/// </summary>
public static class DeliveryPolicy
{
    public static DeliveryStep Next(ChannelDelivery delivery, DeliveryTarget? target, DateTimeOffset now, DeliveryOptions options, string? holdReason = null)
    {
        if (delivery.StartedAt is not { } started)
        {
            return new DeliveryStep.Done("there is nothing to deliver yet");
        }

        if (delivery.Delivered)
        {
            return new DeliveryStep.Done("already delivered");
        }

        if (delivery.DeadLettered)
        {
            return new DeliveryStep.Done("already dead-lettered");
        }

        if (delivery.Skipped)
        {
            return new DeliveryStep.Done("already skipped");
        }

        if (delivery.Backfilled)
        {
            return new DeliveryStep.Done("backfilled alerts are shown in the inbox, not pushed");
        }

        if (holdReason is not null)
        {
            return new DeliveryStep.Skip(holdReason);
        }

        if (target is null || string.IsNullOrWhiteSpace(target.Address))
        {
            return new DeliveryStep.Done($"the subscription has no {delivery.Channel} channel");
        }

        if (target.Unusable() is { } unusable)
        {
            return new DeliveryStep.DeadLetter(unusable);
        }

        var number = delivery.FailedAttempts + 1;
        if (delivery.FailedAttempts > 0 && delivery.LastFailedAt is { } lastFailed)
        {
            var next = lastFailed + Backoff.After(delivery.FailedAttempts, TimeSpan.FromMilliseconds(options.InitialBackoffMilliseconds),
                TimeSpan.FromSeconds(options.MaxBackoffSeconds));
            if (next > started + options.RetryWindow)
            {
                return new DeliveryStep.DeadLetter(
                    $"{delivery.FailedAttempts} attempts failed within the retry window of {options.RetryWindow}; the last: {delivery.LastFailure}");
            }

            if (now < next)
            {
                return new DeliveryStep.WaitUntil(next);
            }
        }

        if (delivery.Claim is { } claim && claim.Attempt == number && now < claim.Until)
        {
            return new DeliveryStep.WaitUntil(claim.Until);
        }

        return new DeliveryStep.Attempt(number);
    }
}
