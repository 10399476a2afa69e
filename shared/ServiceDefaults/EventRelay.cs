using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;

namespace MediaMonitor.ServiceDefaults;

/// <summary>
/// The outbox: a Marten subscription that publishes a service's own events to RabbitMQ. The MassTransit message id is the
/// event id, so a page replayed after a crash carries the same ids and idempotent consumers drop the second copy.
/// </summary>
public sealed class EventRelay : SubscriptionBase
{
    public const string EventSequenceHeader = "MediaMonitor-EventSequence";
    public const string StreamIdHeader = "MediaMonitor-StreamId";

    private readonly IBus _bus;
    private readonly ServiceTelemetry _telemetry;
    private readonly RelayLag _lag;
    private readonly TimeSpan _publishTimeout;
    private readonly Func<object, bool> _publishes;

    public EventRelay(IBus bus, ServiceTelemetry telemetry, RelayDefinition definition, RelayLag lag, EventStoreSettings settings)
    {
        _bus = bus;
        _telemetry = telemetry;
        _lag = lag;
        _publishTimeout = TimeSpan.FromSeconds(settings.RelayPublishTimeoutSeconds);
        _publishes = definition.Publishes ?? (_ => true);
        Name = "relay-" + definition.Name;
        foreach (var type in definition.EventTypes)
        {
            IncludeType(type);
        }

        Options.BatchSize = 500;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await Task.WhenAll(page.Events.Where(e => _publishes(e.Data)).Select(e => PublishAsync(e, cancellationToken)));
        return NullChangeListener.Instance;
    }

    private async Task PublishAsync(IEvent @event, CancellationToken cancellationToken)
    {
        var parent = default(ActivityContext);
        if (@event.Headers is { } headers
            && headers.TryGetValue(TraceContextListener.TraceParentHeader, out var traceParent)
            && ActivityContext.TryParse(traceParent?.ToString(), null, out var parsed))
        {
            parent = parsed;
        }

        using var activity = _telemetry.ActivitySource.StartActivity("relay " + @event.EventTypeName, ActivityKind.Producer, parent);
        activity?.SetTag("mediamonitor.stream_id", @event.StreamId);
        activity?.SetTag("mediamonitor.event_type", @event.EventTypeName);
        var publish = _bus.Publish(@event.Data, @event.EventType, context =>
        {
            context.MessageId = @event.Id;
            context.Headers.Set(EventSequenceHeader, @event.Sequence);
            context.Headers.Set(StreamIdHeader, @event.StreamId.ToString());
        }, cancellationToken);
        try
        {
            // A publish in flight when the broker restarts can wait for its confirm for ever (rabbitmq-dotnet-client
            // issue 1930, seen in the chaos run: a relay stopped publishing until its process restarted). Give up on it;
            // the daemon runs the page again and consumers drop what was already delivered (the message id is the event id).
            await publish.WaitAsync(_publishTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"{Name}: RabbitMQ did not confirm event {@event.Sequence} ({@event.EventTypeName}) within {_publishTimeout.TotalSeconds:0} s; the page is published again");
        }

        _lag.Record(@event.Timestamp);
    }
}

/// <summary>
/// Which of a service's events its relay publishes: those of the types listed (the daemon reads only these) for which
/// <paramref name="Publishes"/>, when given, says yes.
/// </summary>
public sealed record RelayDefinition(string Name, IReadOnlyList<Type> EventTypes, Func<object, bool>? Publishes = null);
