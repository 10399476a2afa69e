using MediaMonitor.ServiceDefaults.EventSchema;

namespace MediaMonitor.ServiceDefaults.Tests;

/// <summary>
/// Contracts sit in one namespace per producer (MediaMonitor.Contracts.Crawler ...), but each event keeps the message URN
/// and RabbitMQ exchange it had when all of them sat in MediaMonitor.Contracts: a replica of the previous release and one
/// of this release exchange messages during a rollout, and messages already queued still deserialize.
/// </summary>
public sealed class WireNameTests
{
    [Fact]
    public void Every_contract_event_keeps_the_message_urn_and_exchange_of_the_single_contracts_namespace()
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri("rabbitmq://127.0.0.1/")));
        Assert.NotEmpty(StoredEventNames.ByType);
        foreach (var type in StoredEventNames.ByType.Keys)
        {
            Assert.StartsWith("MediaMonitor.Contracts.", type.Namespace, StringComparison.Ordinal);
            Assert.Equal("urn:message:MediaMonitor.Contracts:" + type.Name, MessageUrn.ForType(type).ToString());
            Assert.True(bus.Topology.PublishTopology.TryGetPublishAddress(type, new Uri("rabbitmq://127.0.0.1/"), out var address), type.Name);
            Assert.Equal("MediaMonitor.Contracts:" + type.Name, address!.AbsolutePath.TrimStart('/'));
        }
    }
}
