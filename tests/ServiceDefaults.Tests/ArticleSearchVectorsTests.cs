using JasperFx.Events.Daemon;
using Marten.Events;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.ServiceDefaults.Articles;

namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class ArticleSearchVectorsTests
{
    [Fact]
    public async Task A_tagging_projected_after_the_fetch_replaces_the_entities_lexemes_and_keeps_the_texts_that_the_record_no_longer_stores()
    {
        var env = await TestEnvironment.CreateAsync("vectors-live");
        var settings = env.Settings;
        settings["EventStore:DaemonMode"] = "Solo";
        await using var host = await ServiceHost.StartAsync(typeof(ArticleSearchVectorsTests).Assembly, settings,
            builder => builder.AddEventStore(o => o.AddArticleProjection()), _ => { });
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var at = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        const string url = "https://herald.example/glacier";
        var id = StreamIdentity.ForArticle(url);
        var source = Guid.NewGuid();
        // "Alps" and "Herald" are text (and outlet) tokens as well as the first tagging's: the second tagging drops "newer"
        // and keeps those two; "Basel" is the entities' only.
        List<object> events =
        [
            new ArticleFetched(id, url, url, "Glacier report", "Ice loss in the Alps, Zürich says.", at, "Herald", source, at, "c"),
            new EntitiesTagged(id, [new TaggedEntity("q:new", "Newer", EntityType.Organization, 1, 1, ["Newer", "Alps", "Herald"])], at.AddMinutes(1), "t1"),
            new EntitiesTagged(id, [new TaggedEntity("q:basel", "Basel", EntityType.Location, 1, 1, ["Basel"])], at.AddMinutes(2), "t2"),
            new ArticleDeduplicated(id, DedupVerdict.Original, null, 1, id, at.AddMinutes(3), "d"),
        ];

        // Each event projected on its own (a batch of its own), so every one after the fetch finds the record read back
        // from its table, without its text's tokens.
        for (var i = 0; i < events.Count; i++)
        {
            await using (var session = store.LightweightSession())
            {
                if (i == 0)
                {
                    session.Events.StartStream(id, events[0]);
                }
                else
                {
                    session.Events.Append(id, events[i]);
                }

                await session.SaveChangesAsync();
            }

            await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(2));
            var fold = ArticleRecord.Fold(id, events.Take(i + 1))!;
            await using var query = store.QuerySession();
            var stored = (await query.LoadAsync<ArticleRecord>(id))!;
            Assert.Null(stored.TextTerms);
            await using var check = dataSource.CreateCommand(
                $"select search_vector = @vector::tsvector, entity_only = ts_delete(@entities::tsvector, tsvector_to_array(@text::tsvector)), " +
                $"text_sequence = @sequence, entity_terms = @entities, tokens = @tokens from {ArticleSearchVectors.Table} where id = @id");
            check.Parameters.AddWithValue("vector", fold.SearchVector);
            check.Parameters.AddWithValue("entities", fold.EntityTerms);
            check.Parameters.AddWithValue("text", fold.TextTerms!);
            check.Parameters.AddWithValue("sequence", stored.TextSequence);
            check.Parameters.AddWithValue("tokens", Text.Querying.SearchTokens.Version);
            check.Parameters.AddWithValue("id", id);
            await using var reader = await check.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((true, true, true, true, true), (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4)));
        }

        Assert.True(await HasLexemeAsync(dataSource, id, "alps"));
        Assert.True(await HasLexemeAsync(dataSource, id, "basel"));
        Assert.False(await HasLexemeAsync(dataSource, id, "newer"));
    }

    private static async Task<bool> HasLexemeAsync(NpgsqlDataSource dataSource, Guid id, string lexeme)
    {
        await using var command = dataSource.CreateCommand($"select search_vector @@ @lexeme::tsquery from {ArticleSearchVectors.Table} where id = @id");
        command.Parameters.AddWithValue("lexeme", lexeme);
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
