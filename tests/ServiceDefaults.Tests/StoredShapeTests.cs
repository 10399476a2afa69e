using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten.Events;
using MediaMonitor.ServiceDefaults.EventSchema;

namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class StoredShapeTests
{
    [Fact]
    public void Each_contract_is_stored_under_its_written_name_and_every_name_has_its_first_stored_shape()
    {
        var options = new StoreOptions();
        options.AddContractEvents([]);
        var graph = (EventGraph)options.Events;

        foreach (var (type, name) in StoredEventNames.ByType)
        {
            Assert.Equal(name, graph.EventMappingFor(type).EventTypeName);
        }

        Assert.Equal(StoredEventNames.ByType.Count, StoredEventNames.ByType.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(StoredEventNames.ByType.Keys.OrderBy(t => t.Name), FirstStoredShapes.ByStoredName.Keys
            .Select(n => StoredEventNames.ByType.Single(p => p.Value == n).Key).OrderBy(t => t.Name));
    }

    [Fact]
    public async Task Each_contract_reads_from_the_JSON_shape_it_was_first_stored_in_with_later_fields_at_their_defaults()
    {
        var (host, store) = await StartStoreAsync("shapes", null);
        await using var _ = host;
        var streams = new Dictionary<string, Guid>();
        await using (var session = store.LightweightSession())
        {
            foreach (var (type, name) in StoredEventNames.ByType)
            {
                streams[name] = Guid.NewGuid();
                session.Events.StartStream(streams[name], RuntimeHelpers.GetUninitializedObject(type));
            }

            await session.SaveChangesAsync();
        }

        await using (var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            foreach (var (name, json) in FirstStoredShapes.ByStoredName)
            {
                var parameters = PrimaryConstructor(StoredEventNames.ByType.Single(p => p.Value == name).Key).GetParameters().Select(p => p.Name).ToHashSet();
                var unknown = JsonNode.Parse(json)!.AsObject().Select(p => p.Key)
                    .Where(k => !parameters.Contains(k) && !FirstStoredShapes.DroppedSecretFields.Contains($"{name}.{k}")).ToList();
                Assert.True(unknown.Count == 0, $"{name}: the stored shape has fields today's record has dropped: {string.Join(", ", unknown)}");
                await using var overwrite = new NpgsqlCommand(
                    $"update {store.Options.Events.DatabaseSchemaName}.mt_events set data = @data::jsonb where stream_id = @id", connection);
                overwrite.Parameters.AddWithValue("data", json);
                overwrite.Parameters.AddWithValue("id", streams[name]);
                Assert.Equal(1, await overwrite.ExecuteNonQueryAsync());
            }
        }

        var serializer = store.Options.Serializer();
        await using var read = store.QuerySession();
        foreach (var (name, json) in FirstStoredShapes.ByStoredName)
        {
            var type = StoredEventNames.ByType.Single(p => p.Value == name).Key;
            var @event = Assert.Single(await read.Events.FetchStreamAsync(streams[name]));
            Assert.IsType(type, @event.Data);
            var stored = JsonNode.Parse(json)!.AsObject();
            var readBack = JsonNode.Parse(serializer.ToJson(@event.Data))!.AsObject();
            foreach (var (field, value) in stored)
            {
                if (FirstStoredShapes.DroppedSecretFields.Contains($"{name}.{field}"))
                {
                    // A secret the contract no longer carries: ignored on read, never copied into the event read back.
                    Assert.False(readBack.ContainsKey(field), $"{name}.{field} is a dropped secret field but the event still has it");
                    if (value is JsonValue secret && secret.TryGetValue<string>(out var text))
                    {
                        Assert.DoesNotContain(text, readBack.ToJsonString(), StringComparison.Ordinal);
                    }

                    continue;
                }

                Assert.True(ReadsAs(value, readBack[field]), $"{name}.{field}: stored {value?.ToJsonString()}, read {readBack[field]?.ToJsonString()}");
            }

            foreach (var parameter in PrimaryConstructor(type).GetParameters().Where(p => !stored.ContainsKey(p.Name!)))
            {
                Assert.True(parameter.HasDefaultValue, $"{name}: {parameter.Name} was added after the first stored shape without a default, so old events cannot read it");
                var expected = JsonSerializer.SerializeToNode(parameter.DefaultValue, parameter.ParameterType);
                Assert.True(JsonNode.DeepEquals(expected, readBack[parameter.Name!]), $"{name}.{parameter.Name}: read {readBack[parameter.Name!]?.ToJsonString()}, default {expected?.ToJsonString()}");
            }
        }
    }

    [Fact]
    public async Task An_event_stored_under_a_retired_name_and_shape_reads_as_the_current_contract_through_its_upcast()
    {
        var upcast = new StoredEventUpcast("source_poll_error", typeof(SourceFailed), stored => new SourceFailed(
            stored.GetProperty("Source").GetGuid(),
            stored.GetProperty("Status").GetInt32() + " " + stored.GetProperty("Message").GetString(),
            stored.GetProperty("At").GetDateTimeOffset()));
        var (host, store) = await StartStoreAsync("upcast", o => o.AddUpcast(upcast));
        await using var _ = host;
        var streamId = Guid.NewGuid();
        var sourceId = Guid.NewGuid();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(streamId, new SourceFailed(sourceId, "placeholder", DateTimeOffset.UnixEpoch));
            await session.SaveChangesAsync();
        }

        await using (var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        await using (var retire = new NpgsqlCommand(
            $"update {store.Options.Events.DatabaseSchemaName}.mt_events set type = 'source_poll_error', " +
            "mt_dotnet_type = 'MediaMonitor.Contracts.SourcePollError, MediaMonitor.Contracts', data = @data::jsonb where stream_id = @id", connection))
        {
            retire.Parameters.AddWithValue("data", $$"""{"Source":"{{sourceId}}","Status":503,"Message":"Service Unavailable","At":"2026-11-29T08:00:00+00:00"}""");
            retire.Parameters.AddWithValue("id", streamId);
            Assert.Equal(1, await retire.ExecuteNonQueryAsync());
        }

        await using var read = store.QuerySession();
        var failed = Assert.IsType<SourceFailed>(Assert.Single(await read.Events.FetchStreamAsync(streamId)).Data);
        Assert.Equal(new SourceFailed(sourceId, "503 Service Unavailable", new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero)), failed);
    }

    [Fact]
    public void An_upcast_cannot_take_over_the_name_a_current_contract_is_stored_under()
    {
        var options = new StoreOptions();
        var upcast = new StoredEventUpcast(StoredEventNames.Of<SourceFailed>(), typeof(SourceFailed), _ => throw new InvalidOperationException());
        Assert.Throws<ArgumentException>(() => options.AddUpcast(upcast));
    }

    private static async Task<(ServiceHost Host, IDocumentStore Store)> StartStoreAsync(string name, Action<StoreOptions>? configure)
    {
        var env = await TestEnvironment.CreateAsync(name);
        var settings = env.Settings;
        settings["EventStore:DaemonMode"] = "Disabled";
        var host = await ServiceHost.StartAsync(typeof(StoredShapeTests).Assembly, settings, builder => builder.AddEventStore(configure), _ => { });
        return (host, host.Services.GetRequiredService<IDocumentStore>());
    }

    /// <summary>Every stored value reads back equal; nested records may hold fields added since (read back at their defaults).</summary>
    private static bool ReadsAs(JsonNode? stored, JsonNode? read) => (stored, read) switch
    {
        (JsonObject s, JsonObject r) => s.All(p => ReadsAs(p.Value, r[p.Key])),
        (JsonArray s, JsonArray r) => s.Count == r.Count && s.Zip(r).All(p => ReadsAs(p.First, p.Second)),
        _ => JsonNode.DeepEquals(stored, read),
    };

    private static ConstructorInfo PrimaryConstructor(Type type) =>
        type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
}
