namespace MediaMonitor.Alerting.Tests;

public sealed partial class AlertingPipelineTests
{
    /// <summary>What the subscription-change tests (SubscriptionChangePipelineTests) need of the harness besides the rest.</summary>
    internal sealed partial class Pipeline
    {
        /// <summary>Waits until the upstream relay has published every event stored so far (queued for an Alerting that is down).</summary>
        public async Task WaitUntilRelayedAsync()
        {
            long last;
            await using (var session = Store.QuerySession())
            {
                last = await session.Events.QueryAllRawEvents().MaxAsync(e => e.Sequence);
            }

            await Eventually.Until(
                async () => (await Store.Advanced.AllProjectionProgress()).Where(s => s.ShardName.StartsWith("relay-upstream", StringComparison.Ordinal))
                    .Select(s => s.Sequence).DefaultIfEmpty(0).Max(),
                relayed => relayed >= last, TimeSpan.FromSeconds(30), "the upstream relay to publish every stored event");
        }

        /// <summary>Stores many subscriptions in one transaction (none of them alerts in these tests).</summary>
        public async Task SubscribeManyAsync(IEnumerable<string> queries)
        {
            var catalog = _replicas[0].Services.GetRequiredService<SubscriptionCatalog>();
            var before = catalog.Count;
            var count = 0;
            await using (var session = Store.LightweightSession())
            {
                foreach (var query in queries)
                {
                    var id = Guid.NewGuid();
                    session.Events.StartStream(id, new SubscriptionCreated(id, "tenant-a", "Desk " + count++, query, "https://hook.example/", DateTimeOffset.UtcNow));
                }

                await session.SaveChangesAsync();
            }

            await Eventually.Until(() => Task.FromResult(catalog.Count == before + count), d => d, TimeSpan.FromSeconds(120), $"{count} more subscriptions in the catalog");
        }

        /// <summary>A catalog loaded from the store now, as a replica starting up would load it.</summary>
        public async Task<SubscriptionCatalog> LoadFreshCatalogAsync()
        {
            var catalog = new SubscriptionCatalog(TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SubscriptionCatalog>.Instance);
            await using var session = Store.QuerySession();
            await catalog.LoadAsync(session, CancellationToken.None);
            return catalog;
        }
    }
}
