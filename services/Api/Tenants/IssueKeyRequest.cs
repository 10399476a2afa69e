using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace MediaMonitor.Api.Tenants;

/// <summary>
/// The optional body of POST /api/keys and POST /api/tenants/{id}/keys: a label and an expiry. A field the Api does not know
/// answers 400 (a misspelt "expiresAt" must not silently issue a key that never expires).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IssueKeyRequest(string? Label, DateTimeOffset? ExpiresAt)
{
    public const int MaxLabelLength = 100;

    /// <summary>The longest lifetime a key may be given.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(3660);

    /// <summary>The label (trimmed; null when absent or blank) and expiry to issue with, or why they are refused.</summary>
    public bool TryValidate(DateTimeOffset now, out string? label, [NotNullWhen(false)] out string? error)
    {
        label = string.IsNullOrWhiteSpace(Label) ? null : Label.Trim();
        error = null;
        if (label is { Length: > MaxLabelLength })
        {
            error = $"label must be at most {MaxLabelLength} characters";
        }
        else if (label is not null && label.Any(char.IsControl))
        {
            error = "label must not contain control characters";
        }
        else if (ExpiresAt is { } expires && expires <= now)
        {
            error = $"expiresAt must be in the future (now is {now:O})";
        }
        else if (ExpiresAt is { } far && far - now > MaxLifetime)
        {
            error = $"expiresAt must be within {MaxLifetime.TotalDays:0} days; leave it out for a key that lasts until revoked";
        }

        return error is null;
    }
}
