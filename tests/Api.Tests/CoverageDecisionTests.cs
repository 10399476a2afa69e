using MediaMonitor.Api.Queries;
using MediaMonitor.ServiceDefaults.Articles;

using static MediaMonitor.Api.Tests.TestArticles;

namespace MediaMonitor.Api.Tests;

/// <summary>
/// Coverage decides most candidates from their read-model row (search vector, outlet, entities, language) without
/// reading the text: on real PostgreSQL, every such decision must be the live matcher's answer over the whole article.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CoverageDecisionTests(ApiFixture api)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    // Traps: a word only in the outlet and host (harvest), only in an entity's alias (kremlin), a word that is no plain
    // token (Αθήνα), a phrase reversed, words near and far apart.
    private static readonly (string Title, string Text, string Site, TaggedEntity[] Entities)[] Articles =
    [
        ("Minister calls election", "The prime minister called an early election for June.", "Herald", [Person("Q1", "Tony Blair", ["Blair"])]),
        ("Election looms", "An election was called; the finance minister of the government spoke much later about it.", "Courier", []),
        ("Market report", "Wheat and barley prices rose; nothing about farming policy.", "Harvest Times", []),
        ("Spokesman briefs", "Reporters heard about sanctions and the budget.", "Wire", [Person("Q4", "Dmitry Peskov", ["Kremlin spokesman"])]),
        ("Kremlin answers", "The Kremlin said it would respond to the government.", "Wire", []),
        ("Bank fined", "Regulators in Zürich fined the bank after a tsunami of complaints.", "Swiss Wire", [Org("Q7", "FINMA", [])]),
        ("Tsunami warning", "A tsunami warning was lifted; the government thanked Tony Blair.", "Courier", [Person("Q1", "Tony Blair", [])]),
        ("Early call", "Election early called minister the by.", "Herald", []),
        ("Ελληνικά νέα", "Η Αθήνα και η κυβέρνηση συνεδριάζουν σήμερα.", "Kathimerini", []),
    ];

    /// <summary>Each query (AND, OR, NOT, phrase, NEAR, entity, fields) with how many rows decide true, false, or leave it to the text.</summary>
    private static readonly (string Query, (int True, int False, int Undecided) Expected)[] Queries =
    [
        ("tsunami", (2, 7, 0)), ("harvest", (0, 8, 1)), ("kremlin", (1, 7, 1)), ("Αθήνα", (0, 8, 1)), ("fined", (1, 8, 0)),
        ("government AND entity:\"Tony Blair\"", (1, 8, 0)), ("election OR tsunami", (5, 4, 0)), ("kremlin OR harvest", (1, 6, 2)),
        ("government AND NOT kremlin", (2, 7, 0)), ("minister AND NOT election", (0, 9, 0)), ("\"early election\"", (1, 8, 0)),
        ("\"election early\"", (1, 8, 0)), ("minister NEAR/3 election", (2, 7, 0)), ("minister NEAR/1 election", (1, 8, 0)),
        ("election NEAR/1 minister", (1, 8, 0)), ("kremlin NEAR/2 spokesman", (0, 9, 0)), ("harvest NEAR/3 times", (0, 9, 0)),
        ("Αθήνα NEAR/2 κυβέρνηση", (0, 8, 1)), ("\"early election\" OR tsunami", (3, 6, 0)), ("government AND NOT \"early election\"", (3, 6, 0)),
        ("entity:\"Dmitry Peskov\"", (1, 8, 0)), ("person:blair", (1, 8, 0)), ("source:wire AND government", (1, 8, 0)),
        ("title:election", (0, 6, 3)), ("lang:el", (1, 8, 0)),
    ];

    [Fact]
    public async Task Coverage_matches_are_exactly_the_live_matchers_when_the_undecided_rows_are_judged_in_many_small_batches()
    {
        var (source, stored) = await StoreAsync();
        var search = api.Host.Services.GetRequiredService<ArticleSearch>();
        var language = new SubscriptionQueryLanguage();
        foreach (var (text, _) in Queries)
        {
            Assert.True(language.TryCompile(text, out var query, out _));
            var scan = new ArticleScan { Prefilter = query.Prefilter, SourceIds = [source] };
            var found = new List<Guid>();
            await foreach (var article in Coverage.CoverageMatches.ReadAsync(search, scan, query, textBatch: 1, CancellationToken.None))
            {
                found.Add(article.ArticleId);
            }

            Assert.Equal(stored.Where(a => query.Matches(a.Value)).Select(a => a.Key).Order(), found.Order());
        }
    }

    /// <summary>Queries whose OR and AND mix words the prefilter requires (read as present without the vector) with words it does not.</summary>
    private static readonly string[] MixedQueries =
    [
        "government AND (kremlin OR tsunami)", "(tsunami AND government) OR (election AND minister)", "election OR (minister AND NOT kremlin)",
        "entity:\"Tony Blair\" OR harvest", "(fined OR tsunami) AND NOT harvest", "(minister NEAR/3 election) AND entity:\"Tony Blair\"",
        "(minister NEAR/3 election) OR \"election looms\"", "\"early election\" AND NOT minister NEAR/1 election",
    ];

    [Fact]
    public async Task A_candidate_of_the_prefilter_is_decided_as_the_matcher_decides_with_the_prefilters_words_taken_as_present()
    {
        var (source, stored) = await StoreAsync();
        var search = api.Host.Services.GetRequiredService<ArticleSearch>();
        var language = new SubscriptionQueryLanguage();
        foreach (var text in Queries.Select(q => q.Query).Concat(MixedQueries))
        {
            Assert.True(language.TryCompile(text, out var query, out _));
            var scan = new ArticleScan { Prefilter = query.Prefilter, SourceIds = [source] };
            await foreach (var (record, present) in search.ProbeAsync(scan, query.Probes, query.PrefilterTokens, CancellationToken.None))
            {
                Assert.NotNull(present);
                var verdict = query.DecideWithoutText(
                    new MatchableArticle("", "", record.SiteName, record.Url ?? "", record.Entities, record.Language), present,
                    token => Text.Querying.SearchTokens.OutsideText(token, record.Outlet, record.Url, record.EntityTerms));
                var expected = query.Matches(stored[record.Id]);
                Assert.True(verdict is null || verdict == expected, $"'{text}' on '{stored[record.Id].Title}': decided {verdict} from the row, the matcher says {expected}");
            }

            var found = new List<Guid>();
            await foreach (var article in Coverage.CoverageMatches.ReadAsync(search, scan, query, textBatch: 2, CancellationToken.None))
            {
                found.Add(article.ArticleId);
            }

            Assert.Equal(stored.Where(a => query.Matches(a.Value)).Select(a => a.Key).Order(), found.Order());
        }
    }

    [Fact]
    public async Task A_row_from_before_the_coverage_row_reads_as_one_written_with_it_and_the_fill_stores_the_same()
    {
        var (source, stored) = await StoreAsync();
        var dataSource = api.Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        var written = await CoverageRowsAsync(dataSource, source);
        Assert.Equal(stored.Count, written.Count);
        Assert.Contains(written.Values, row => row.Contains("Kremlin spokesman", StringComparison.Ordinal));

        // The JSON built in SQL from the record (what a row without the column reads) holds what the C# writer wrote.
        await using (var built = dataSource.CreateCommand(
            $"select id, {ArticleCoverageRow.FromDataSql("data")} from mt_doc_article where source_id = @source"))
        {
            built.Parameters.AddWithValue("source", source);
            await using var reader = await built.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Assert.Equal(Comparable(written[reader.GetGuid(0)]), Comparable(reader.GetString(1)));
            }
        }

        await using (var forget = dataSource.CreateCommand("update mt_doc_article set coverage_row = null where source_id = @source"))
        {
            forget.Parameters.AddWithValue("source", source);
            Assert.Equal(stored.Count, await forget.ExecuteNonQueryAsync());
        }

        // Unfilled rows are decided and matched as before (their coverage row built on the fly).
        var search = api.Host.Services.GetRequiredService<ArticleSearch>();
        var language = new SubscriptionQueryLanguage();
        foreach (var text in new[] { "government AND entity:\"Tony Blair\"", "person:blair", "kremlin OR harvest", "minister NEAR/3 election", "lang:el" })
        {
            Assert.True(language.TryCompile(text, out var query, out _));
            var found = new List<Guid>();
            await foreach (var article in Coverage.CoverageMatches.ReadAsync(search, new ArticleScan { Prefilter = query.Prefilter, SourceIds = [source] }, query, CancellationToken.None))
            {
                found.Add(article.ArticleId);
            }

            Assert.Equal(stored.Where(a => query.Matches(a.Value)).Select(a => a.Key).Order(), found.Order());
        }

        Assert.True(await CoverageRowFill.FillMissingAsync(api.Store, dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None) >= stored.Count);
        var filled = await CoverageRowsAsync(dataSource, source);
        Assert.All(written, row => Assert.Equal(Comparable(row.Value), Comparable(filled[row.Key])));
    }

    private static async Task<Dictionary<Guid, string>> CoverageRowsAsync(Npgsql.NpgsqlDataSource dataSource, Guid source)
    {
        var rows = new Dictionary<Guid, string>();
        await using var command = dataSource.CreateCommand("select id, coverage_row from mt_doc_article where source_id = @source");
        command.Parameters.AddWithValue("source", source);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetGuid(0)] = reader.GetString(1);
        }

        return rows;
    }

    /// <summary>A coverage row as read, in a form compared by value (the record's lists compare by reference).</summary>
    private static string Comparable(string row) =>
        System.Text.Json.JsonSerializer.Serialize(ArticleCoverageRow.Read(row, Guid.Empty, null, null, DateTimeOffset.MinValue));

    [Fact]
    public async Task A_record_without_a_search_vector_row_is_judged_by_its_text()
    {
        var (source, stored) = await StoreAsync();
        var warning = stored.Single(a => a.Value.Title == "Tsunami warning").Key;
        await using (var unfilled = api.Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(
            $"delete from {ArticleSearchVectors.Table} where id = @id"))
        {
            unfilled.Parameters.AddWithValue("id", warning);
            Assert.Equal(1, await unfilled.ExecuteNonQueryAsync());
        }

        // A prefix adds no prefilter condition, so every row is probed, the one without a vector too.
        Assert.True(new SubscriptionQueryLanguage().TryCompile("harv* OR tsunami", out var query, out _));
        var found = new List<Guid>();
        await foreach (var article in Coverage.CoverageMatches.ReadAsync(
            api.Host.Services.GetRequiredService<ArticleSearch>(), new ArticleScan { SourceIds = [source] }, query, CancellationToken.None))
        {
            found.Add(article.ArticleId);
        }

        Assert.Contains(warning, found);
        Assert.Equal(stored.Where(a => query.Matches(a.Value)).Select(a => a.Key).Order(), found.Order());
    }

    [Fact]
    public async Task A_phrase_or_near_in_a_row_without_exact_word_positions_is_found_and_judged_by_its_text()
    {
        var (source, stored) = await StoreAsync();
        var early = stored.Single(a => a.Value.Title == "Early call").Key;
        var called = stored.Single(a => a.Value.Title == "Minister calls election").Key;

        // A vector without positions, as one written before them (or with a word past a tsvector's limits): no phrase
        // operator matches it, so the prefilter must still let it through for its words alone.
        await using (var stripped = api.Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(
            $"update {ArticleSearchVectors.Table} set search_vector = ts_delete(strip(search_vector), '{Text.Querying.SearchTokens.ExactPositions}') where id = any(@ids)"))
        {
            stripped.Parameters.AddWithValue("ids", new[] { early, called });
            Assert.Equal(2, await stripped.ExecuteNonQueryAsync());
        }

        var search = api.Host.Services.GetRequiredService<ArticleSearch>();
        var language = new SubscriptionQueryLanguage();
        foreach (var text in new[] { "minister NEAR/3 election", "\"election early\"", "\"early election\"" })
        {
            Assert.True(language.TryCompile(text, out var query, out _));
            var scan = new ArticleScan { Prefilter = query.Prefilter, SourceIds = [source] };
            await foreach (var (record, present) in search.ProbeAsync(scan, query.Probes, query.PrefilterTokens, CancellationToken.None))
            {
                var verdict = query.DecideWithoutText(
                    new MatchableArticle("", "", record.SiteName, record.Url ?? "", record.Entities, record.Language), present!,
                    token => Text.Querying.SearchTokens.OutsideText(token, record.Outlet, record.Url, record.EntityTerms));
                Assert.True(record.Id != early && record.Id != called || verdict is null, $"'{text}' decided {verdict} without positions");
            }

            var found = new List<Guid>();
            await foreach (var article in Coverage.CoverageMatches.ReadAsync(search, scan, query, CancellationToken.None))
            {
                found.Add(article.ArticleId);
            }

            var expected = stored.Where(a => query.Matches(a.Value)).Select(a => a.Key).Order().ToList();
            Assert.Contains(expected, id => id == early || id == called);
            Assert.Equal(expected, found.Order());
        }
    }

    [Fact]
    public async Task Every_candidate_decided_from_its_row_is_decided_as_the_live_matcher_decides_over_its_text()
    {
        var (source, stored) = await StoreAsync();
        var search = api.Host.Services.GetRequiredService<ArticleSearch>();
        var language = new SubscriptionQueryLanguage();
        foreach (var (text, expectedTally) in Queries)
        {
            Assert.True(language.TryCompile(text, out var query, out _));
            var tally = (True: 0, False: 0, Undecided: 0);

            // No prefilter: every stored article is probed, so decisions on rows the index would have dropped count too.
            await foreach (var (record, present) in search.ProbeAsync(new ArticleScan { SourceIds = [source] }, query.Probes, CancellationToken.None))
            {
                Assert.NotNull(present);
                var verdict = query.DecideWithoutText(
                    new MatchableArticle("", "", record.SiteName, record.Url ?? "", record.Entities, record.Language), present,
                    token => Text.Querying.SearchTokens.OutsideText(token, record.Outlet, record.Url, record.EntityTerms));
                var expected = query.Matches(stored[record.Id]);
                if (verdict is { } v)
                {
                    Assert.True(v == expected, $"'{text}' on '{stored[record.Id].Title}': decided {v} from the row, the matcher says {expected}");
                }

                tally = verdict switch { true => tally with { True = tally.True + 1 }, false => tally with { False = tally.False + 1 }, _ => tally with { Undecided = tally.Undecided + 1 } };
            }

            // The decisions are real: plain words, AND, OR, NOT, entities, fields, and phrases and NEAR of the text (by
            // their word positions) decide every row unless a trap makes it ambiguous; a title phrase or a NEAR of hashed
            // tokens decides only the rows that lack a word.
            Assert.Equal((text, expectedTally), (text, tally));
        }
    }

    private async Task<(Guid Source, Dictionary<Guid, MatchableArticle> Stored)> StoreAsync()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var source = await AddSourceAsync(client);
        return (source, await StoreTaggedAsync(api, source, Day, Articles));
    }
}
