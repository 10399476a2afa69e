using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Entities;

namespace MediaMonitor.EntityTagging.Tests;

public sealed class OperatorEntitiesTests
{
    [Fact]
    public void An_operator_alias_joins_an_existing_entity_and_a_new_name_becomes_an_entity()
    {
        var gazetteer = TaggerFixture.Gazetteer;
        var tagger = TaggerFixture.RuleTagger();
        OperatorEntities.Apply(gazetteer, new EntityDefined("geonames:1526273", "Astana", EntityType.Location, ["Qaraotkel Capital"],
            DateTimeOffset.UtcNow, "test"));
        OperatorEntities.Apply(gazetteer, new EntityDefined("", "Zhetisu Analytical Bureau", EntityType.Organization, ["ZhAB"],
            DateTimeOffset.UtcNow, "test"));

        var entities = tagger.Tag("", "Analysts of ZhAB met in Qaraotkel Capital on Monday.");

        Assert.Equal("geonames:1526273", Assert.Single(entities, e => e.SurfaceForms.Contains("Qaraotkel Capital")).EntityId);
        var bureau = Assert.Single(entities, e => e.SurfaceForms.Contains("ZhAB"));
        Assert.Equal("Zhetisu Analytical Bureau", bureau.Name);
        Assert.Equal(EntityType.Organization, bureau.Type);
    }

    [Fact]
    public async Task Definitions_stored_before_start_and_published_while_running_both_reach_the_tagger()
    {
        var env = await TestEnvironment.CreateAsync("operator");

        // A definition already in the store before the service starts (it reads them at start-up), appended as the Api does:
        // with its inline read model.
        await using (var seedHost = await env.StartAsync(new ServiceWiring(typeof(EntityTaggingWiring).Assembly,
            b => b.AddEventStore(opts => opts.AddOperatorEntityProjection()), _ => { })))
        {
            await using var session = seedHost.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            session.Events.StartStream(Guid.NewGuid(),
                new EntityDefined("", "Steppe Eagle", EntityType.Miscellaneous, ["Steppen Orel", "Dala Burkiti"], DateTimeOffset.UtcNow, "ops"));
            await session.SaveChangesAsync();
        }

        await using var host = await env.StartAsync(EntityTaggingHost.Wiring);
        var gazetteer = host.Services.GetRequiredService<Gazetteer>();
        Assert.NotNull(gazetteer.ById("misc:stepe-eagle"));

        // A definition arriving by message while the service runs.
        await host.Services.GetRequiredService<IBus>().Publish(
            new EntityDefined("", "Kazakh Peacekeeping Battalion", EntityType.Organization, ["KAZBAT"], DateTimeOffset.UtcNow, "ops"));
        await Eventually.Until(() => Task.FromResult(gazetteer.ById("org:kazah-peacekeping-batalion") is not null), found => found,
            TimeSpan.FromSeconds(30), "the published definition to reach the gazetteer");

        var tagged = host.Services.GetRequiredService<ArticleTagger>()
            .Tag("Exercise", "KAZBAT troops joined the Steppen Orel exercise near Almaty.");
        Assert.Contains(tagged, e => e.EntityId == "misc:stepe-eagle" && e.Name == "Steppe Eagle");
        Assert.Contains(tagged, e => e.EntityId == "org:kazah-peacekeping-batalion" && e.SurfaceForms.Contains("KAZBAT"));
    }

    [Fact]
    public async Task Definitions_stored_before_their_read_model_existed_reach_the_tagger_once_and_the_read_model_is_built_once()
    {
        var env = await TestEnvironment.CreateAsync("operator_build");

        // A store written by an Api without the read model: the events only.
        await using (var oldApi = await env.StartAsync(new ServiceWiring(typeof(EntityTaggingWiring).Assembly, b => b.AddEventStore(), _ => { })))
        {
            await using var session = oldApi.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            session.Events.StartStream(Guid.NewGuid(), new EntityDefined("", "Caspian Shelf Authority", EntityType.Organization, ["CSA"], DateTimeOffset.UtcNow, "ops"));
            session.Events.StartStream(Guid.NewGuid(), new EntityDefined("", "Caspian Shelf Authority", EntityType.Organization, ["Shelf Authority"], DateTimeOffset.UtcNow, "ops"));
            await session.SaveChangesAsync();
        }

        await using var first = await env.StartAsync(EntityTaggingHost.Wiring);
        await using var second = await env.StartAsync(EntityTaggingHost.Wiring);

        foreach (var host in new[] { first, second })
        {
            var gazetteer = host.Services.GetRequiredService<Gazetteer>();
            Assert.Equal(["CSA", "Caspian Shelf Authority", "Shelf Authority"], gazetteer.AliasesOf(EntityLinker.IdFor(EntityType.Organization, "Caspian Shelf Authority")).Order(StringComparer.Ordinal));
        }

        await using var query = first.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Equal(2, await query.Query<OperatorEntityDefinition>().CountAsync());
        Assert.NotNull(await query.LoadAsync<ReadModelBuilt>(OperatorEntityDefinitions.Version));
    }
}
