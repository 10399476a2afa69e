using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Alerting.Alerts;

/// <summary>
/// What the alert decisions need from an alert stream: its version and which articles and outlets it counted
/// (how delivery went on each channel is <see cref="Delivery.ChannelDelivery"/>'s job).
/// </summary>
public sealed record AlertState(
    Guid AlertId,
    int Version,
    IReadOnlySet<Guid> Articles,
    IReadOnlySet<string> Outlets,
    AlertRaised? Raised)
{
    public static AlertState Empty(Guid alertId) =>
        new(alertId, 0, new HashSet<Guid>(), new HashSet<string>(StringComparer.OrdinalIgnoreCase), null);

    public bool Exists => Raised is not null;

    public int Copies => Articles.Count;

    public static AlertState From(Guid alertId, IEnumerable<object> events) => events.Aggregate(Empty(alertId), Apply);

    public static AlertState Apply(AlertState state, object @event) => @event switch
    {
        AlertRaised r => state with
        {
            Version = state.Version + 1,
            Raised = r,
            Articles = new HashSet<Guid>(state.Articles) { r.FirstArticleId },
            Outlets = r.Outlet is null ? state.Outlets : new HashSet<string>(state.Outlets, StringComparer.OrdinalIgnoreCase) { r.Outlet },
        },
        AlertUpdated u => state with
        {
            Version = state.Version + 1,
            Articles = new HashSet<Guid>(state.Articles) { u.ArticleId },
            Outlets = u.Outlet is null ? state.Outlets : new HashSet<string>(state.Outlets, StringComparer.OrdinalIgnoreCase) { u.Outlet },
        },
        _ => state with { Version = state.Version + 1 },
    };
}
