using MediaMonitor.Alerting.Alerts;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>What to do next about delivering an alert.</summary>
public abstract record DeliveryStep
{
    private DeliveryStep()
    {
    }

    /// <summary>Nothing left to do: delivered, given up, or nothing to deliver to.</summary>
    public sealed record Done(string Why) : DeliveryStep;

    /// <summary>Try now; this is attempt number <see cref="Attempt"/>.</summary>
    public sealed record Attempt(int Number) : DeliveryStep;

    /// <summary>Try again at <see cref="At"/> (exponential backoff after the last failure).</summary>
    public sealed record WaitUntil(DateTimeOffset At) : DeliveryStep;

    /// <summary>Give up: the retry window is over or the target can never work.</summary>
    public sealed record DeadLetter(string Reason) : DeliveryStep;
}

/// <summary>
/// The retry rule: attempt at once, then after initial x 2^(failures-1) (capped) since the last failure, for as long as
/// the next attempt still falls within the retry window counted from when the alert was raised; then dead-letter.
/// </summary>
public static class DeliveryPolicy
{
    public static DeliveryStep Next(AlertState alert, string? webhookUrl, DateTimeOffset now, DeliveryOptions options)
    {
        if (alert.Raised is not { } raised)
        {
            return new DeliveryStep.Done("the alert was never raised");
        }

        if (alert.Delivered)
        {
            return new DeliveryStep.Done("already delivered");
        }

        if (alert.DeadLettered)
        {
            return new DeliveryStep.Done("already dead-lettered");
        }

        if (raised.Backfilled)
        {
            return new DeliveryStep.Done("backfilled alerts are shown in the inbox, not pushed");
        }

        if (string.IsNullOrWhiteSpace(webhookUrl))
        {
            return new DeliveryStep.Done("the subscription has no webhook");
        }

        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return new DeliveryStep.DeadLetter($"the webhook URL '{webhookUrl}' is not an absolute http(s) URL");
        }

        if (alert.FailedAttempts == 0 || alert.LastFailedAt is not { } lastFailed)
        {
            return new DeliveryStep.Attempt(alert.FailedAttempts + 1);
        }

        var next = lastFailed + Backoff.After(alert.FailedAttempts, TimeSpan.FromMilliseconds(options.InitialBackoffMilliseconds),
            TimeSpan.FromSeconds(options.MaxBackoffSeconds));
        if (next > raised.RaisedAt + options.RetryWindow)
        {
            return new DeliveryStep.DeadLetter(
                $"{alert.FailedAttempts} attempts failed within the retry window of {options.RetryWindow}; the last: {alert.LastFailure}");
        }

        return now >= next ? new DeliveryStep.Attempt(alert.FailedAttempts + 1) : new DeliveryStep.WaitUntil(next);
    }
}
