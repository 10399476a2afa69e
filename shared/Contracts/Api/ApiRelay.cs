namespace MediaMonitor.Contracts.Api;

/// <summary>The events the Api relays to RabbitMQ: its RelayEvents list, and what a test standing in for the Api relays.</summary>
public static class ApiRelay
{
    public static readonly Type[] Events =
    [
        typeof(SourceAdded), typeof(SubscriptionCreated), typeof(SubscriptionQueryChanged), typeof(SubscriptionDeliveryChanged), typeof(SubscriptionPaused),
        typeof(SubscriptionResumed), typeof(TenantCreated), typeof(ApiKeyIssued), typeof(ApiKeyRevoked), typeof(WebhookSecretRotated), typeof(EntityDefined),
        typeof(ReprocessingRequested),
    ];
}
