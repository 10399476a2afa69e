using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.ServiceDefaults.Replicas;

/// <summary>How often a <typeparamref name="TView"/> is read again from the store (null: only at start).</summary>
public sealed record ReplicaViewRefresh<TView>(TimeSpan? Every)
    where TView : ReplicaView;

/// <summary>
/// Reads a <see cref="ReplicaView"/> before the service takes traffic (a failed read fails the start: the store is needed
/// anyway), then again every refresh period in case a message was missed. The bus starts first, so the view's queue
/// already exists when the store is read: a change is in the read, or its message arrives afterwards.
/// </summary>
public sealed partial class ReplicaViewLoader<TView>(IDocumentStore store, TView view, ReplicaViewRefresh<TView> refresh, ILogger<ReplicaViewLoader<TView>> logger)
    : BackgroundService
    where TView : ReplicaView
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var session = store.QuerySession())
        {
            LogLoaded(typeof(TView).Name, await view.LoadAsync(session, cancellationToken));
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (refresh.Every is not { } period)
        {
            return;
        }

        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var session = store.QuerySession();
                    await view.LoadAsync(session, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(e, typeof(TView).Name, period);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{View} loaded {Count} items from the store")]
    private partial void LogLoaded(string view, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading {View} failed; will try again in {Period}")]
    private partial void LogRefreshFailed(Exception e, string view, TimeSpan period);
}
