using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MediaMonitor.Api.Sources;
using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>A digest in a create-subscription request: "hourly" | "daily" | "weekly", "HH:mm", an IANA time zone, and the weekday of a weekly one.</summary>
public sealed record DigestRequest(string? Frequency, string? Time, string? TimeZone, string? Day);

/// <summary>A spike watch in a create-subscription request: how many deviations above the hourly baseline, and the least count that can be a spike.</summary>
public sealed record SpikeRequest(double? Sigmas, int? MinimumCount);

/// <summary>Validates the delivery options of a create-subscription or change-delivery request (e-mail, Slack, immediate, digest, spike).</summary>
public static class SubscriptionDeliveryRequest
{
    public const int MaxEmailLength = 254;

    /// <summary>
    /// The options as recorded on SubscriptionCreated (null when the request asks for none) and the normalized Slack URL
    /// (kept sealed, out of the event), or the reason they are refused.
    /// </summary>
    public static bool TryParse(
        string? email, string? slackUrl, bool? immediate, DigestRequest? digest, SpikeRequest? spike, bool hasWebhook,
        out SubscriptionDelivery? delivery, out string? slack, [NotNullWhen(false)] out string? error)
    {
        delivery = null;
        slack = null;
        string? address = null;
        if (!string.IsNullOrWhiteSpace(email) && !TryEmail(email.Trim(), out address, out error))
        {
            return false;
        }

        if (!string.IsNullOrWhiteSpace(slackUrl) && !SourceUrl.TryNormalize(slackUrl, "slackUrl", out slack, out error))
        {
            return false;
        }

        DigestSchedule? schedule = null;
        if (digest is not null && !TryDigest(digest, out schedule, out error))
        {
            return false;
        }

        SpikeWatch? watch = null;
        if (spike is not null && !TrySpike(spike, out watch, out error))
        {
            return false;
        }

        return TryCombine(address, slack, immediate ?? true, schedule, watch, hasWebhook, out delivery, out error);
    }

    /// <summary>Validated parts as one SubscriptionDelivery (null when they ask for nothing beyond the webhook), or why they do not fit together.</summary>
    internal static bool TryCombine(
        string? address, string? slack, bool immediate, DigestSchedule? schedule, SpikeWatch? watch, bool hasWebhook, out SubscriptionDelivery? delivery,
        [NotNullWhen(false)] out string? error)
    {
        delivery = null;
        if ((schedule is not null || watch is not null) && !hasWebhook && address is null && slack is null)
        {
            error = "a digest or spike watch needs a channel: webhookUrl, slackUrl or email";
            return false;
        }

        error = null;
        if (address is null && slack is null && immediate && schedule is null && watch is null)
        {
            return true;
        }

        delivery = new SubscriptionDelivery(address, SlackHost(slack), immediate, schedule, watch);
        return true;
    }

    /// <summary>What an event may say about a Slack URL: its host only (the path is the credential).</summary>
    public static string? SlackHost(string? slackUrl) =>
        slackUrl is null ? null : Uri.TryCreate(slackUrl, UriKind.Absolute, out var uri) ? uri.Host : "slack";

    internal static bool TryEmail(string email, [NotNullWhen(true)] out string? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (email.Length > MaxEmailLength || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            error = $"email must be a plain e-mail address such as analyst@example.org (at most {MaxEmailLength} characters)";
            return false;
        }

        address = parsed.Address;
        error = null;
        return true;
    }

    internal static bool TryDigest(DigestRequest digest, [NotNullWhen(true)] out DigestSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        if (!Enum.TryParse<DigestFrequency>(digest.Frequency, ignoreCase: true, out var frequency) || !Enum.IsDefined(frequency)
            || int.TryParse(digest.Frequency, out _))
        {
            error = "digest.frequency must be hourly, daily or weekly";
            return false;
        }

        if (!TimeOnly.TryParseExact(digest.Time ?? "", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            error = "digest.time must be a time of day as HH:mm (for hourly digests, the minute past each hour counts)";
            return false;
        }

        if (!TryZone(digest.TimeZone))
        {
            error = "digest.timeZone must be an IANA time zone such as Europe/Berlin";
            return false;
        }

        DayOfWeek? day = null;
        if (frequency == DigestFrequency.Weekly)
        {
            if (!Enum.TryParse<DayOfWeek>(digest.Day, ignoreCase: true, out var weekday) || !Enum.IsDefined(weekday) || int.TryParse(digest.Day, out _))
            {
                error = "digest.day must be a weekday (monday ... sunday) for a weekly digest";
                return false;
            }

            day = weekday;
        }

        schedule = new DigestSchedule(frequency, time.Hour, time.Minute, digest.TimeZone!.Trim(), day);
        error = null;
        return true;
    }

    internal static bool TrySpike(SpikeRequest spike, [NotNullWhen(true)] out SpikeWatch? watch, [NotNullWhen(false)] out string? error)
    {
        watch = null;
        var sigmas = spike.Sigmas ?? 3;
        var minimum = spike.MinimumCount ?? 5;
        if (double.IsNaN(sigmas) || sigmas < 1 || sigmas > 10)
        {
            error = "spike.sigmas must be between 1 and 10";
            return false;
        }

        if (minimum < 1 || minimum > 100_000)
        {
            error = "spike.minimumCount must be between 1 and 100000";
            return false;
        }

        watch = new SpikeWatch(sigmas, minimum);
        error = null;
        return true;
    }

    private static bool TryZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || !id.Contains('/', StringComparison.Ordinal) && id.Trim() != "UTC")
        {
            return false;
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not only TimeZoneNotFound/InvalidTimeZone: a folder of the zone database ("America/Argentina", "Etc/") throws
            // SecurityException or UnauthorizedAccessException; whatever does not resolve is not a time zone.
            return false;
        }
    }
}
