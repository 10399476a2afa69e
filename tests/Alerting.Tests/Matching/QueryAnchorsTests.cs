namespace MediaMonitor.Alerting.Tests.Matching;

public sealed class QueryAnchorsTests
{
    private static QueryAnchors? Anchors(string query) => QueryAnchors.For(QueryParser.Parse(query).Query!);

    [Fact]
    public void An_AND_is_filed_under_its_rarest_looking_word_only()
    {
        Assert.Equal(["kazakhstan"], Anchors("the NATO Kazakhstan")!.Terms);
    }

    [Fact]
    public void An_OR_is_filed_under_every_branch()
    {
        Assert.Equal(["nato", "csto"], Anchors("NATO OR CSTO")!.Terms);
    }

    [Fact]
    public void A_NOT_clause_is_never_an_anchor()
    {
        Assert.Equal(["nato"], Anchors("NATO NOT Kazakhstan")!.Terms);
    }

    [Fact]
    public void Wildcards_are_filed_as_prefixes_and_fields_under_their_namespace()
    {
        var anchors = Anchors("sanction* OR source:reuters OR entity:\"Dmitry Peskov\"")!;

        Assert.Equal(["sanction"], anchors.Prefixes);
        Assert.Equal(["s:reuters", "e:dmitry peskov"], anchors.Terms);
    }

    [Fact]
    public void An_OR_with_an_unanchored_branch_cannot_be_indexed()
    {
        var query = new OrQuery([new TermQuery(QueryField.Text, "nato"), new NotQuery(new TermQuery(QueryField.Text, "csto"))]);

        Assert.Null(QueryAnchors.For(query));
    }

    [Fact]
    public void An_unindexable_query_is_still_checked_against_every_article()
    {
        var query = new OrQuery([new TermQuery(QueryField.Text, "nato"), new NotQuery(new TermQuery(QueryField.Text, "csto"))]);
        var index = new SubscriptionIndex<string>(["odd"], _ => query);

        Assert.Equal(["odd"], index.Match(MatchDocument.Create("Football", "results", null, null, null)));
    }
}
