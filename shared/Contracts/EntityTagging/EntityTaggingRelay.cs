namespace MediaMonitor.Contracts.EntityTagging;

/// <summary>The events EntityTagging relays to RabbitMQ: its RelayEvents list, and what a test standing in for it relays.</summary>
public static class EntityTaggingRelay
{
    public static readonly Type[] Events = [typeof(EntitiesTagged)];
}
