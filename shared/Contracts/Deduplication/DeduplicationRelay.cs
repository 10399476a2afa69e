namespace MediaMonitor.Contracts.Deduplication;

/// <summary>The events Deduplication relays to RabbitMQ: its RelayEvents list, and what a test standing in for it relays.</summary>
public static class DeduplicationRelay
{
    public static readonly Type[] Events = [typeof(ArticleDeduplicated)];
}
