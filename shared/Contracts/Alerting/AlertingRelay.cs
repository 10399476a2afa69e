namespace MediaMonitor.Contracts.Alerting;

/// <summary>The events Alerting relays to RabbitMQ: its RelayEvents list, and what a test standing in for it relays.</summary>
public static class AlertingRelay
{
    public static readonly Type[] Events =
        [typeof(AlertRaised), typeof(AlertUpdated), typeof(AlertDelivered), typeof(AlertDeliveryFailed), typeof(AlertDeadLettered), typeof(AlertDeliverySkipped)];
}
