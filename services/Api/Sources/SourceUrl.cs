using System.Diagnostics.CodeAnalysis;

namespace MediaMonitor.Api.Sources;

/// <summary>Validates and normalizes a source URL (absolute http/https, no credentials, at most 2,048 characters).</summary>
public static class SourceUrl
{
    public const int MaxLength = 2048;

    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? url, [NotNullWhen(false)] out string? error) =>
        TryNormalize(input, "url", out url, out error);

    public static bool TryNormalize(string? input, string field, [NotNullWhen(true)] out string? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = $"{field} is required";
            return false;
        }

        if (trimmed.Length > MaxLength)
        {
            error = $"{field} is longer than {MaxLength} characters";
            return false;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"{field} must be an absolute http:// or https:// URL";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            error = $"{field} must not carry credentials";
            return false;
        }

        url = uri.AbsoluteUri;
        error = null;
        return true;
    }
}
