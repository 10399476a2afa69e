using Marten.Events.Aggregation;
using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>Read model of one subscription (a named query, optionally with a webhook).</summary>
public sealed partial record ApiSubscription
{
    public Guid Id { get; init; }

    public string TenantId { get; init; } = "";

    public string Name { get; init; } = "";

    public string Query { get; init; } = "";

    public string? WebhookUrl { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>E-mail, Slack (whether set; the URL is a credential and not shown), immediate, digest and spike settings.</summary>
    public ApiSubscriptionDelivery? Delivery { get; init; }
}

/// <summary>A subscription's delivery options as the Api shows them.</summary>
public sealed record ApiSubscriptionDelivery(string? Email, bool Slack, bool Immediate, DigestSchedule? Digest, SpikeWatch? Spike)
{
    public static ApiSubscriptionDelivery? From(SubscriptionDelivery? d) =>
        d is null ? null : new ApiSubscriptionDelivery(d.Email, d.SlackHost is not null, d.Immediate, d.Digest, d.Spike);
}

/// <summary>Folds each subscription stream into <see cref="ApiSubscription"/>, inline with the append (changes: ApiSubscriptionChanges.cs).</summary>
public sealed partial class ApiSubscriptionProjection : SingleStreamProjection<ApiSubscription, Guid>
{
    public static ApiSubscription Create(SubscriptionCreated e) => new()
    {
        Id = e.SubscriptionId, TenantId = e.TenantId, Name = e.Name, Query = e.Query, WebhookUrl = e.WebhookUrl, CreatedAt = e.CreatedAt,
        Delivery = ApiSubscriptionDelivery.From(e.Delivery),
    };
}
