using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting;

/// <summary>
/// Refuses, at startup, Alerting settings that would quietly break delivery (no attempt ever made, claims lapsing mid-send,
/// timers that never fire), each with the key, the value and the allowed range.
/// </summary>
public sealed class AlertingOptionsValidation : IValidateOptions<AlertingOptions>
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(10);

    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>One message per bad setting, naming it as an environment variable.</summary>
    public static IEnumerable<string> Failures(AlertingOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var d = o.Delivery;
        if (o.CatalogRefreshSeconds is < 1 or > 86_400)
        {
            yield return Range("CatalogRefreshSeconds", o.CatalogRefreshSeconds, "1 to 86400");
        }

        if (o.BackfillDays is < 0 or > 3650)
        {
            yield return Range("BackfillDays", o.BackfillDays, "0 (no backfill) to 3650");
        }

        if (d.ImmediateAttempts is < 1 or > 20)
        {
            yield return Range("Delivery__ImmediateAttempts", d.ImmediateAttempts, "1 to 20 (0 would never deliver anything)");
        }

        if (d.ImmediateMaxWaitSeconds is < 0 or > 300)
        {
            yield return Range("Delivery__ImmediateMaxWaitSeconds", d.ImmediateMaxWaitSeconds, "0 to 300");
        }

        if (d.RaisedInProcess is < 0 or > 256)
        {
            yield return Range("Delivery__RaisedInProcess", d.RaisedInProcess, "0 (off) to 256");
        }

        if (d.RetryWindow < TimeSpan.Zero || d.RetryWindow > TimeSpan.FromDays(30))
        {
            yield return Range("Delivery__RetryWindow", d.RetryWindow, "00:00:00 (dead-letter after the first failure) to 30.00:00:00");
        }

        if (d.SweepInterval < MinInterval || d.SweepInterval > TimeSpan.FromHours(1))
        {
            yield return Range("Delivery__SweepInterval", d.SweepInterval, "00:00:00.01 to 01:00:00");
        }

        if (d.InitialBackoffMilliseconds is < 1 or > 3_600_000)
        {
            yield return Range("Delivery__InitialBackoffMilliseconds", d.InitialBackoffMilliseconds, "1 to 3600000");
        }

        if (d.MaxBackoffSeconds < 1 || d.MaxBackoffSeconds * 1000L < d.InitialBackoffMilliseconds)
        {
            yield return Range("Delivery__MaxBackoffSeconds", d.MaxBackoffSeconds, "at least 1 and at least InitialBackoffMilliseconds / 1000");
        }

        if (d.TimeoutSeconds is < 1 or > 300)
        {
            yield return Range("Delivery__TimeoutSeconds", d.TimeoutSeconds, "1 to 300");
        }

        if (d.ClaimSeconds <= d.TimeoutSeconds || d.ClaimSeconds > 3600)
        {
            yield return Range("Delivery__ClaimSeconds", d.ClaimSeconds,
                $"more than Delivery__TimeoutSeconds ({d.TimeoutSeconds}) and at most 3600, or a claim lapses while its attempt is still sending and another replica sends again");
        }

        if (d.MaxPushesPerHour < 0)
        {
            yield return Range("Delivery__MaxPushesPerHour", d.MaxPushesPerHour, "0 (no limit) or more");
        }

        if (o.Smtp.Port is < 1 or > 65_535)
        {
            yield return Range("Smtp__Port", o.Smtp.Port, "1 to 65535");
        }

        if (o.Digests.CheckInterval < MinInterval || o.Digests.CheckInterval > TimeSpan.FromHours(1))
        {
            yield return Range("Digests__CheckInterval", o.Digests.CheckInterval, "00:00:00.01 to 01:00:00");
        }

        if (o.Digests.MaxStories is < 1 or > 1000)
        {
            yield return Range("Digests__MaxStories", o.Digests.MaxStories, "1 to 1000");
        }

        if (o.Spikes.CheckInterval < MinInterval || o.Spikes.CheckInterval > TimeSpan.FromHours(1))
        {
            yield return Range("Spikes__CheckInterval", o.Spikes.CheckInterval, "00:00:00.01 to 01:00:00");
        }

        if (o.Spikes.Cooldown < TimeSpan.Zero)
        {
            yield return Range("Spikes__Cooldown", o.Spikes.Cooldown, "00:00:00 or more");
        }

        if (o.Spikes.BaselineDays is < 1 or > 90)
        {
            yield return Range("Spikes__BaselineDays", o.Spikes.BaselineDays, "1 to 90");
        }

        if (o.Spikes.MinimumBaselineHours < 1 || o.Spikes.MinimumBaselineHours > o.Spikes.BaselineDays * 24)
        {
            yield return Range("Spikes__MinimumBaselineHours", o.Spikes.MinimumBaselineHours, "1 to BaselineDays x 24");
        }
    }

    private static string Range(string key, object value, string allowed) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Alerting__{key} is {value}; it must be {allowed}.");
}
