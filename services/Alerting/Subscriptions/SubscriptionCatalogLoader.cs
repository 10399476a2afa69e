using Marten;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Subscriptions;

/// <summary>Loads the catalog before the service takes traffic, then reloads it periodically in case a message was missed.</summary>
public sealed class SubscriptionCatalogLoader(
    IDocumentStore store, SubscriptionCatalog catalog, IOptions<AlertingOptions> options, ILogger<SubscriptionCatalogLoader> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var session = store.QuerySession())
        {
            await catalog.LoadAsync(session, cancellationToken);
        }

        logger.LogInformation("Loaded {Count} subscriptions", catalog.Count);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, options.Value.CatalogRefreshSeconds));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var session = store.QuerySession();
                    await catalog.LoadAsync(session, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Reloading subscriptions failed; will try again in {Period}", period);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
