using System.Security.Cryptography;
using System.Text;

namespace MediaMonitor.Contracts;

/// <summary>Deterministic stream ids (RFC 4122 version 5, SHA-1 name-based), so the same fact always lands in the same stream.</summary>
public static class StreamIdentity
{
    private static readonly Guid ArticleNamespace = new("6f3b5a9e-2b7d-4c1a-9a43-5e0f3c1d7a10");
    private static readonly Guid AlertNamespace = new("0c8e6d52-7f1b-4b8e-8d3a-2a9c4e1f5b27");
    private static readonly Guid SourceNamespace = new("a4d1e7c3-5b2f-4e6a-9c8d-7f0b1a2e3d45");
    private static readonly Guid SubscriptionNamespace = new("d2b7c9e1-3a4f-4c5d-8e6b-9f0a1b2c3d46");
    private static readonly Guid NotificationNamespace = new("5e9a1c3b-7d2f-4a6e-b1c8-3f4d5e6a7b89");

    /// <summary>The article stream id for a canonical URL.</summary>
    public static Guid ForArticle(string canonicalUrl) => NameBased(ArticleNamespace, canonicalUrl);

    /// <summary>The alert stream id: one alert per (subscription, story).</summary>
    public static Guid ForAlert(Guid subscriptionId, Guid storyId) =>
        NameBased(AlertNamespace, subscriptionId.ToString("N") + ":" + storyId.ToString("N"));

    /// <summary>The source stream id for a tenant's feed or page URL.</summary>
    public static Guid ForSource(string tenantId, string url) => NameBased(SourceNamespace, tenantId + "\n" + url);

    /// <summary>A subscription id for a client-supplied key (used by idempotent creates such as the demo's).</summary>
    public static Guid ForSubscription(string tenantId, string key) => NameBased(SubscriptionNamespace, tenantId + "\n" + key);

    /// <summary>The digest stream of a subscription's period ending at <paramref name="periodEnd"/>: one digest per period.</summary>
    public static Guid ForDigest(Guid subscriptionId, DateTimeOffset periodEnd) =>
        NameBased(NotificationNamespace, "digest:" + subscriptionId.ToString("N") + ":" + periodEnd.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The spike stream of a subscription's spike first seen in the UTC hour starting at <paramref name="hour"/>.</summary>
    public static Guid ForSpike(Guid subscriptionId, DateTimeOffset hour) =>
        NameBased(NotificationNamespace, "spike:" + subscriptionId.ToString("N") + ":" + hour.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The id of the retry work item of one stream's delivery on one channel.</summary>
    public static Guid ForDelivery(Guid streamId, string channel) => NameBased(NotificationNamespace, "delivery:" + streamId.ToString("N") + ":" + channel);

    public static Guid NameBased(Guid @namespace, string name)
    {
        Span<byte> ns = stackalloc byte[16];
        @namespace.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.CopyTo(input);
        nameBytes.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 v5 prescribes; this is an identifier, not a security boundary.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
