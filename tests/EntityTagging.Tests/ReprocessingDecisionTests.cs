using MediaMonitor.EntityTagging.Reprocessing;

namespace MediaMonitor.EntityTagging.Tests;

public sealed class ReprocessingDecisionTests
{
    private static readonly Guid Article = Guid.NewGuid();
    private static readonly Guid Request = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private static readonly ArticleFetched Fetched = new(Article, "https://x.example/a", "https://x.example/a", "Title", "Text", null, null,
        Guid.NewGuid(), At, "test");

    private static readonly ArticleDeduplicated Deduplicated = new(Article, DedupVerdict.Original, null, 0, Guid.NewGuid(), At, "test");

    private static EntitiesTagged Tagged(string version, Guid? request = null) => new(Article, [], At, version, request);

    [Fact]
    public void An_article_tagged_by_an_older_version_is_tagged_again()
    {
        Assert.Equal(ReprocessingOutcome.Retag, ReprocessingDecision.Decide([Fetched, Deduplicated, Tagged("m1;aliases=0")], Request, "m1;aliases=abc"));
    }

    [Fact]
    public void An_article_whose_latest_tags_are_by_the_current_version_is_left_alone()
    {
        Assert.Equal(ReprocessingOutcome.AlreadyCurrent,
            ReprocessingDecision.Decide([Fetched, Deduplicated, Tagged("m1;aliases=0"), Tagged("m1;aliases=abc")], Request, "m1;aliases=abc"));
    }

    [Fact]
    public void A_redelivered_request_does_not_tag_an_article_it_already_tagged_even_if_aliases_changed_since()
    {
        var events = new object[] { Fetched, Deduplicated, Tagged("m1;aliases=0"), Tagged("m1;aliases=abc", Request) };
        Assert.Equal(ReprocessingOutcome.DoneByThisRequest, ReprocessingDecision.Decide(events, Request, "m1;aliases=def"));
        Assert.Equal(ReprocessingOutcome.Retag, ReprocessingDecision.Decide(events, Guid.NewGuid(), "m1;aliases=def"));
    }

    [Fact]
    public void An_article_the_live_pipeline_has_not_tagged_yet_is_left_to_it()
    {
        Assert.Equal(ReprocessingOutcome.NotReady, ReprocessingDecision.Decide([Fetched, Deduplicated], Request, "m1"));
        Assert.Equal(ReprocessingOutcome.NotReady, ReprocessingDecision.Decide([Fetched], Request, "m1"));
    }

    [Fact]
    public void An_entity_scope_keeps_only_articles_naming_the_entity_whatever_their_case_and_diacritics()
    {
        var names = ReprocessingDecision.FoldedNames(["Nur-Sultan", "Astana"]);
        Assert.True(ReprocessingDecision.InScope(Fetched with { Text = "Talks in NUR-SULTAN resumed." }, names));
        Assert.True(ReprocessingDecision.InScope(Fetched with { Title = "Ástana summit" }, names));
        Assert.False(ReprocessingDecision.InScope(Fetched with { Text = "Talks in Almaty resumed." }, names));
        Assert.True(ReprocessingDecision.InScope(Fetched, ReprocessingDecision.FoldedNames([])));
    }
}
