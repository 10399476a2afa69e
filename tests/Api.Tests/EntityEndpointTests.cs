using System.Text.Json.Serialization;
using MediaMonitor.Api.Entities;

namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class EntityEndpointTests(ApiFixture api)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task Defining_an_entity_with_the_admin_key_appends_EntityDefined_with_an_empty_id_for_the_tagger_and_answers_201()
    {
        using var client = api.Client(ApiFixture.AdminKey);
        var response = await client.PostAsJsonAsync("/api/entities", new { name = " Nikita Mendkovic ", type = "PER", aliases = new[] { "Mendkovic", "mendkovic", "N. Mendkovic" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<DefinedEntityResponse>(Json))!;
        Assert.Equal(EntityEndpoints.StreamId(EntityType.Person, "Nikita Mendkovic"), body.Id);
        Assert.Equal(["Mendkovic", "N. Mendkovic"], body.Aliases);

        await using var session = api.Store.QuerySession();
        var defined = Assert.IsType<EntityDefined>(Assert.Single(await session.Events.FetchStreamAsync(body.Id)).Data);
        Assert.Equal("", defined.EntityId);
        Assert.Equal("Nikita Mendkovic", defined.Name);
        Assert.Equal(EntityType.Person, defined.Type);
        Assert.Equal("admin", defined.DefinedBy);
    }

    /// <summary>
    /// The gazetteer is shared by every tenant (issue 12, item 2): a tenant defining "Acme Widgets" with the alias "NATO"
    /// would have tagged every tenant's NATO articles as Acme Widgets. Defining entities is an admin act, so a tenant key
    /// is refused and nothing reaches the event store (the tagger loads its overlay only from EntityDefined events).
    /// </summary>
    [Fact]
    public async Task A_tenant_key_cannot_define_an_entity_that_would_change_every_tenants_tagging()
    {
        var (_, tenantA, _) = await api.NewTenantAsync("Tenant A");
        var response = await tenantA.PostAsJsonAsync("/api/entities", new { name = "Acme Widgets", type = "ORG", aliases = new[] { "NATO" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var session = api.Store.QuerySession();
        Assert.Empty(await session.Events.FetchStreamAsync(EntityEndpoints.StreamId(EntityType.Organization, "Acme Widgets")));
        var definitions = await session.Events.QueryRawEventDataOnly<EntityDefined>().ToListAsync();
        Assert.DoesNotContain(definitions, d => d.Name == "Acme Widgets" || d.Aliases.Contains("NATO"));
    }

    [Theory]
    [InlineData("""{"name":"","type":"person"}""", "name is required")]
    [InlineData("""{"type":"person"}""", "name is required")]
    [InlineData("""{"name":"NATO","type":"animal"}""", "type must be one of")]
    [InlineData("""{"name":"NATO"}""", "type must be one of")]
    [InlineData("""{"name":"NATO","type":"ORG","aliases":[""]}""", "each alias")]
    public async Task Bad_entity_definitions_are_rejected_with_400_and_say_why(string json, string reason)
    {
        using var client = api.Client(ApiFixture.AdminKey);
        var response = await client.PostAsync(new Uri("/api/entities", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_over_200_characters_and_more_than_100_aliases_are_invalid()
    {
        Assert.False(EntityEndpoints.TryValidate(new DefineEntityRequest(new string('a', 201), "misc", null), out _, out _, out _, out var longName));
        Assert.Contains("1-200", longName, StringComparison.Ordinal);
        var aliases = Enumerable.Range(0, 101).Select(i => (string?)("alias " + i)).ToList();
        Assert.False(EntityEndpoints.TryValidate(new DefineEntityRequest("NATO", "organization", aliases), out _, out _, out _, out var tooMany));
        Assert.Contains("at most 100", tooMany, StringComparison.Ordinal);
        Assert.True(EntityEndpoints.TryValidate(new DefineEntityRequest("Kyiv", "LOC", aliases[..100]), out _, out var type, out var kept, out _));
        Assert.Equal(EntityType.Location, type);
        Assert.Equal(100, kept.Count);
    }

    [Fact]
    public async Task Defining_an_entity_needs_a_key()
    {
        using var anonymous = api.Client();
        var response = await anonymous.PostAsJsonAsync("/api/entities", new { name = "NATO", type = "ORG" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
