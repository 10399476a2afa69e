using MediaMonitor.Alerting.Delivery;

namespace MediaMonitor.Alerting;

/// <summary>
/// Alerting's private events: its bookkeeping, kept out of shared/Contracts because no other service reads them and
/// the relay never publishes them. Registered with Alerting's event store under the names they were first stored under.
/// </summary>
public static class AlertingEvents
{
    public static IReadOnlyDictionary<Type, string> StoredNames { get; } = new Dictionary<Type, string>
    {
        [typeof(DeliveryClaimed)] = DeliveryClaimed.StoredName,
    };
}
