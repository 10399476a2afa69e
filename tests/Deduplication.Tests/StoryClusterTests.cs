using MediaMonitor.Deduplication.Stories;

namespace MediaMonitor.Deduplication.Tests;

public sealed class StoryClusterTests
{
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);

    private static uint[] Terms(string text) => StoryClusterer.TermsOf(new Fingerprinter().Create("Title", text));

    [Fact]
    public void Another_outlets_own_article_about_the_same_event_joins_its_story_and_is_not_a_copy()
    {
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30), TimeSpan.FromHours(36));
        var bridgeId = Guid.NewGuid();
        var bridge = index.Add(bridgeId, "Saltbay bridge opens", Stories.Bridge, Tuesday);
        var report = index.Add(Guid.NewGuid(), "Norrvik drivers cross at last", Stories.BridgeReport, Tuesday.AddHours(5));
        var copy = index.Add(Guid.NewGuid(), "Bridge opens", Stories.BridgeSyndicated(), Tuesday.AddHours(6));

        Assert.Equal(DedupVerdict.Original, report.Verdict);
        Assert.Equal(bridgeId, bridge.StoryId);
        Assert.Equal(bridgeId, report.StoryId);
        Assert.Equal(bridgeId, copy.DuplicateOf);
        Assert.Equal(bridgeId, copy.StoryId);
    }

    [Fact]
    public void Follow_up_days_later_starts_a_story_of_its_own()
    {
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30), TimeSpan.FromHours(36));
        var bridge = index.Add(Guid.NewGuid(), "Saltbay bridge opens", Stories.Bridge, Tuesday);
        var toll = index.Add(Guid.NewGuid(), "Toll for the Saltbay bridge", Stories.BridgeTollFollowUp, Tuesday.AddDays(6));
        Assert.Equal(DedupVerdict.Original, toll.Verdict);
        Assert.NotEqual(bridge.StoryId, toll.StoryId);
    }

    [Fact]
    public void The_same_follow_up_within_the_window_would_join_the_story_so_the_window_is_what_keeps_it_apart()
    {
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30), TimeSpan.FromDays(10));
        var bridge = index.Add(Guid.NewGuid(), "Saltbay bridge opens", Stories.Bridge, Tuesday);
        var toll = index.Add(Guid.NewGuid(), "Toll for the Saltbay bridge", Stories.BridgeTollFollowUp, Tuesday.AddDays(6));
        Assert.Equal(bridge.StoryId, toll.StoryId);
    }

    [Fact]
    public void Article_about_the_same_town_with_other_facts_stays_in_its_own_story()
    {
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30), TimeSpan.FromHours(36));
        var bridge = index.Add(Guid.NewGuid(), "Saltbay bridge opens", Stories.Bridge, Tuesday);
        var schools = index.Add(Guid.NewGuid(), "Norrvik schools to be repaired", Stories.NorrvikSchools, Tuesday.AddHours(20));
        Assert.NotEqual(bridge.StoryId, schools.StoryId);
    }

    [Fact]
    public void Template_like_article_with_other_names_and_numbers_starts_its_own_story()
    {
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30), TimeSpan.FromHours(36));
        var bridge = index.Add(Guid.NewGuid(), "Saltbay bridge opens", Stories.Bridge, Tuesday);
        var other = index.Add(Guid.NewGuid(), "Kvarnholm bridge opens", Stories.OtherBridgeFromTheSameTemplate(), Tuesday.AddHours(1));
        Assert.NotEqual(bridge.StoryId, other.StoryId);
    }

    [Fact]
    public void A_term_most_originals_of_the_window_hold_weighs_nothing_and_a_rare_one_weighs_more_than_a_common_one()
    {
        var statistics = new TermStatistics(200, t => t switch { 1 => 150, 2 => 2, 3 => 9, _ => 0 });
        Assert.Equal(0, StoryClusterer.Weight(1, statistics));
        Assert.True(StoryClusterer.Weight(2, statistics) > StoryClusterer.Weight(3, statistics));
        Assert.True(StoryClusterer.Weight(3, statistics) > 0);
    }

    [Fact]
    public void An_original_joins_the_story_of_its_best_candidate_which_carries_the_earliest_articles_id()
    {
        var first = Guid.NewGuid();
        var terms = Terms(Stories.Bridge);
        var quiet = new TermStatistics(3, _ => 1);
        var member = new StoryCandidate(Guid.NewGuid(), first, Tuesday.AddHours(2), Terms(Stories.BridgeReport));
        var unrelated = new StoryCandidate(Guid.NewGuid(), Guid.NewGuid(), Tuesday.AddHours(1), Terms(Stories.Flood));
        var decision = StoryClusterer.Decide(Guid.NewGuid(), terms, [unrelated, member], quiet);
        Assert.Equal(first, decision.StoryId);
        Assert.Equal(member.ArticleId, decision.JoinedArticle);
    }

    [Fact]
    public void Sharing_fewer_than_the_minimum_of_informative_terms_is_no_story()
    {
        var quiet = new TermStatistics(3, _ => 1);
        Assert.Equal(0, StoryClusterer.Similarity([1, 2, 3], 3, [1, 2, 3, 9], quiet));
        Assert.True(StoryClusterer.Similarity([1, 2, 3, 4], 4, [1, 2, 3, 4, 9], quiet) >= StoryClusterer.Threshold);
    }

    [Fact]
    public void Two_results_from_one_template_that_share_a_team_stay_in_stories_of_their_own()
    {
        static string Result(string home, string away, string score, string scorer, int crowd, string day) =>
            $"{home} beat {away} {score} in front of {crowd:N0} supporters on {day}, their third win in a row at the Riverside ground.\n\n" +
            $"Striker {scorer} opened the scoring after a long ball from midfield caught the defence square, and the home side controlled most of the second half.\n\n" +
            "The visitors pressed late on and forced two good saves, but could not find a way through a crowded penalty area before the final whistle.\n\n" +
            $"Manager Tom Reilly said afterwards that he was pleased with the reaction of his players after a difficult week, and {home} now sit fourth in the table.";

        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30), TimeSpan.FromHours(36));
        var first = index.Add(Guid.NewGuid(), "Ashford Rovers 2-1 Bramley City", Result("Ashford Rovers", "Bramley City", "2-1", "Jamie Holt", 12_400, "Saturday"), Tuesday);
        var second = index.Add(Guid.NewGuid(), "Ashford Rovers 3-0 Carston United", Result("Ashford Rovers", "Carston United", "3-0", "Ben Adeyemi", 9_800, "Sunday"), Tuesday.AddHours(26));

        Assert.Equal(DedupVerdict.Original, second.Verdict);
        Assert.NotEqual(first.StoryId, second.StoryId);
    }
}
