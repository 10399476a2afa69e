using System.Diagnostics;
using System.Threading.Channels;
using MediaMonitor.Contracts.Alerting;
using MediaMonitor.ServiceDefaults;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// Pushes the alerts this replica has just raised, right after matching committed them, instead of after the relay has
/// published the AlertRaised and the webhook-delivery queue has handed it back (a relay hop and a queue: most of the
/// delivery stage's latency in the pipeline benchmark). The push is the same step the relayed message takes (a claim at
/// the stream's version, so only one of them sends); the relayed message stays the guarantee: it finds the alert
/// delivered and does nothing, or delivers it when this replica stopped first or had too many in hand
/// (Alerting:Delivery:RaisedInProcess).
/// </summary>
public sealed partial class RaisedAlertPushes(
    ChannelDeliverer deliverer, IOptions<AlertingOptions> options, ServiceTelemetry telemetry, ILogger<RaisedAlertPushes> logger) : BackgroundService
{
    private readonly Channel<(AlertRaised Alert, ActivityContext Parent)> _raised = Channel.CreateBounded<(AlertRaised, ActivityContext)>(
        new BoundedChannelOptions(Math.Max(1, options.Value.Delivery.RaisedInProcess) * 8) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>
    /// Hands over alerts just committed, each under the current trace (the article's, from its crawl on), so the push and
    /// its webhook POST are spans of it; those that do not fit are left to their relayed message.
    /// </summary>
    public void Offer(IEnumerable<AlertRaised> raised)
    {
        ArgumentNullException.ThrowIfNull(raised);
        if (options.Value.Delivery.RaisedInProcess <= 0)
        {
            return;
        }

        var parent = System.Diagnostics.Activity.Current?.Context ?? default;
        foreach (var alert in raised.Where(AlertingRelay.Publishes))
        {
            _raised.Writer.TryWrite((alert, parent));
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Delivery.RaisedInProcess <= 0
            ? Task.CompletedTask
            : Parallel.ForEachAsync(_raised.Reader.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.Delivery.RaisedInProcess, CancellationToken = stoppingToken },
                async (raised, token) =>
                {
                    using var activity = telemetry.ActivitySource.StartActivity("push raised alert", ActivityKind.Internal, raised.Parent);
                    activity?.SetTag("mediamonitor.alert_id", raised.Alert.AlertId);
                    try
                    {
                        await deliverer.DeliverRaisedAsync(raised.Alert, token);
                    }
                    catch (Exception e) when (!token.IsCancellationRequested)
                    {
                        LogPushFailed(logger, e, raised.Alert.AlertId);
                    }
                });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing alert {AlertId} right after it was raised failed; its relayed AlertRaised delivers it")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid alertId);
}
