using System.Text;
using System.Text.Json;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.ServiceDefaults.Articles;

namespace MediaMonitor.ServiceDefaults.Tests;

/// <summary>The UTF-8 reader of coverage rows gives what the serializer's <see cref="ArticleCoverageRow.Read"/> gives, row for row.</summary>
public sealed class CoverageRowReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly TaggedEntity Blair = new("bench:Tony Blair", "Tony Blair", EntityType.Person, 3, 0.4, ["Blair", "Mr Blair"], null, ["T. Blair"]);

    private static ArticleRecord Record(string title, params TaggedEntity[] entities) => new()
    {
        Id = Guid.NewGuid(),
        Title = title,
        Outlet = "Herald \"Daily\"",
        SiteName = "Herald",
        Url = "https://www.herald.example/a?x=1&y=\u00e9",
        Language = "en",
        TextSequence = 1_605_478,
        EntityTerms = "blair tony",
        Entities = entities,
    };

    public static TheoryData<string> Rows() =>
    [
        ArticleCoverageRow.Write(Record("Blair looks to election \u2014 \"campaign\"\n", Blair,
            new TaggedEntity("country:KZ", "Kazakhstan", EntityType.Location, 1, 0.1, []),
            new TaggedEntity("x:\u00c9cole", "\u00c9cole \\ Normale", EntityType.Organization, 1, 0.1, ["\u00c9cole"], null, []))),
        ArticleCoverageRow.Write(Record("No entities")),
        ArticleCoverageRow.Write(new ArticleRecord { Id = Guid.NewGuid() }),
        """{"Title":null,"Outlet":"O","SiteName":null,"Url":null,"Language":null,"TextSequence":null,"EntityTerms":null,"Entities":null}""",
        """{"Extra":{"a":[1,2]},"Title":"T","Entities":[{"EntityId":"a","Name":"A","Type":"Miscellaneous","SurfaceForms":null,"Aliases":null,"More":1}]}""",
        """{"Title":"T","Entities":[{"EntityId":"a","Name":"A","Type":"Person","SurfaceForms":["x",null],"Aliases":["y"]}],"TextSequence":7}""",
        // Shapes the writers never produce: left to the serializer, which reads them its own way.
        """{"Title":"T","Entities":[{"EntityId":"a","Name":"A","Type":2,"SurfaceForms":[]}]}""",
        """{"Title":"T","Entities":[{"EntityId":"a","Name":"A","Type":"person","SurfaceForms":[]}]}""",
        """{"Ti\u0074le":"T","Entities":[]}""",
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_row_reads_as_the_serializer_reads_it(string json)
    {
        var (id, story) = (Guid.NewGuid(), Guid.NewGuid());
        var reader = new ArticleCoverageRow.Utf8Reader();

        // Twice through one reader: the second time its entities come from the reader's cache.
        for (var round = 0; round < 2; round++)
        {
            var utf8 = reader.Read(Encoding.UTF8.GetBytes(json), id, At, story, At.AddHours(1));
            var expected = ArticleCoverageRow.Read(json, id, At, story, At.AddHours(1));
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(utf8));
        }
    }

    [Fact]
    public void Rows_that_hold_the_same_entity_share_it_and_a_different_one_is_not_confused_with_it()
    {
        var reader = new ArticleCoverageRow.Utf8Reader();
        var other = Blair with { Aliases = ["Anthony Blair"] };
        var first = reader.Read(Encoding.UTF8.GetBytes(ArticleCoverageRow.Write(Record("a", Blair))), Guid.NewGuid(), At, null, At);
        var second = reader.Read(Encoding.UTF8.GetBytes(ArticleCoverageRow.Write(Record("b", Blair))), Guid.NewGuid(), At, null, At);
        var third = reader.Read(Encoding.UTF8.GetBytes(ArticleCoverageRow.Write(Record("c", other))), Guid.NewGuid(), At, null, At);

        Assert.Same(first.Entities[0], second.Entities[0]);
        Assert.Equal(["Anthony Blair"], third.Entities[0].Aliases!);
        Assert.Equal(["T. Blair"], first.Entities[0].Aliases!);
    }
}
