using Marten.Events;
using MediaMonitor.ServiceDefaults.EventSchema;
using Weasel.Core;

namespace MediaMonitor.Alerting.Tests.Delivery;

public sealed class PrivateEventTests
{
    [Fact]
    public void DeliveryClaimed_keeps_the_stored_name_it_had_as_a_contract_and_reads_its_first_stored_shape()
    {
        var options = new StoreOptions();
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        options.AddContractEvents([]);
        options.AddServiceEvents(AlertingEvents.StoredNames);

        Assert.Equal("delivery_claimed", ((EventGraph)options.Events).EventMappingFor(typeof(DeliveryClaimed)).EventTypeName);
        // The body Marten stored when DeliveryClaimed landed in shared/Contracts (f2f36d9).
        var claim = options.Serializer().FromJson<DeliveryClaimed>(new MemoryStream(
            """{"StreamId":"0a000000-0000-4000-8000-000000000001","Channel":"email","Attempt":1,"Claimant":"alerting-1","ClaimedAt":"2026-11-29T08:14:45+00:00","Until":"2026-11-29T09:00:00+00:00"}"""u8.ToArray()));
        Assert.Equal(new DeliveryClaimed(Guid.Parse("0a000000-0000-4000-8000-000000000001"), "email", 1, "alerting-1",
            DateTimeOffset.Parse("2026-11-29T08:14:45+00:00", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2026-11-29T09:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture)), claim);
    }

    [Fact]
    public void A_private_event_may_not_take_a_contract_events_stored_name()
    {
        var options = new StoreOptions();
        Assert.Throws<ArgumentException>(() => options.AddServiceEvents(new Dictionary<Type, string> { [typeof(DeliveryClaimed)] = "alert_raised" }));
    }
}
