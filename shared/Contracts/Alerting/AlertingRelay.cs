namespace MediaMonitor.Contracts.Alerting;

/// <summary>
/// The events Alerting relays to RabbitMQ: its RelayEvents list, and what a test standing in for it relays. Only
/// AlertRaised (delivery's backstop behind the in-process push): the alert's later events (AlertUpdated at every copy of
/// the story, the delivery records at every attempt) had no consumer on the bus, and the Api folds them from the event
/// store.
/// </summary>
public static class AlertingRelay
{
    public static readonly Type[] Events = [typeof(AlertRaised)];
}
