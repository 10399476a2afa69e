using Microsoft.Net.Http.Headers;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>A subscription's ETag is its stream version, quoted ("3"); If-Match takes it back (or *, any version).</summary>
public static class SubscriptionETag
{
    public static string Of(long version) => $"\"{version}\"";

    public static void Set(HttpResponse response, long version) => response.Headers.ETag = Of(version);

    public static bool IsGiven(HttpRequest request) => request.Headers.IfMatch.Count > 0;

    /// <summary>True when there is no If-Match, it is *, or one of its tags is this version (weak or strong).</summary>
    public static bool Matches(HttpRequest request, long version)
    {
        if (!IsGiven(request))
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfMatch, out var tags))
        {
            return false;
        }

        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(Of(version), StringComparison.Ordinal));
    }
}
