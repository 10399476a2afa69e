using MediaMonitor.Text;
using MediaMonitor.TestSupport;

namespace MediaMonitor.DemoNewsroom.Tests;

public sealed class NewsroomContentTests
{
    private static readonly NewsroomContent Content = NewsroomContent.Create(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    private static List<string> Terms(NewsItem item) => Tokenizer.Terms(item.Headline + "\n" + string.Join("\n", item.Paragraphs));

    private static bool MatchesDemoQuery(NewsItem item)
    {
        var terms = Terms(item).ToHashSet();
        return terms.Contains("nato") && terms.Contains("center") && terms.Contains("kazakhstan");
    }

    [Fact]
    public void Three_outlets_publish_the_story_and_a_dozen_other_stories_between_them()
    {
        Assert.Equal(3, Content.Outlets.Count);
        Assert.Equal(Content.Outlets, Content.SyndicatedCopies.Select(c => c.Outlet));
        Assert.Equal(12, Content.Items.Count(i => !i.IsSyndicatedStory));
        Assert.All(Content.Outlets, o => Assert.Equal(5, Content.Items.Count(i => i.Outlet == o)));
        Assert.Equal(3, Content.SyndicatedCopies.Select(c => c.Headline).Distinct().Count());
    }

    [Fact]
    public void Every_copy_of_the_story_and_no_other_story_contains_all_words_of_the_demo_query()
    {
        Assert.All(Content.SyndicatedCopies, c => Assert.True(MatchesDemoQuery(c), c.Headline));
        Assert.All(Content.Items.Where(i => !i.IsSyndicatedStory), i => Assert.False(MatchesDemoQuery(i), i.Headline));
    }

    [Fact]
    public void Copies_of_the_story_are_near_duplicates_and_the_other_stories_are_not()
    {
        var copies = Content.SyndicatedCopies;
        for (var i = 0; i < copies.Count; i++)
        {
            for (var j = i + 1; j < copies.Count; j++)
            {
                var similarity = Jaccard(copies[i], copies[j]);
                Assert.True(similarity is > 0.8 and < 1.0, $"{copies[i].Outlet.Name} vs {copies[j].Outlet.Name}: {similarity:0.00}");
            }
        }

        var others = Content.Items.Where(i => !i.IsSyndicatedStory).ToList();
        Assert.All(others, o => Assert.True(Jaccard(o, copies[0]) < 0.1, o.Headline));
    }

    [Fact]
    public void The_story_names_the_people_organisations_and_places_of_the_seed_story()
    {
        var text = string.Join("\n", Content.SyndicatedCopies[0].Paragraphs);
        foreach (var name in new[] { "Dmitry Peskov", "Nikita Mendkovich", "Dmitry Suslov", "Ivan Timofeev", "NATO", "CSTO", "SCO", "Kazakhstan", "Astana", "Almaty", "Moscow", "Beijing", "Washington" })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void The_story_is_written_anew_and_shares_no_eight_word_run_with_the_SharedData_seed_article()
    {
        var seed = Tokenizer.Terms(File.ReadAllText(SharedData.PathTo("seed", "nato-center-kazakhstan.txt")));
        var seedRuns = Shingles(seed, 8);
        foreach (var copy in Content.SyndicatedCopies)
        {
            var shared = Shingles(Terms(copy), 8).Where(seedRuns.Contains).ToList();
            Assert.True(shared.Count == 0, copy.Outlet.Name + " repeats the seed: " + string.Join(" | ", shared.Take(3)));
        }
    }

    [Fact]
    public void Pages_are_at_distinct_paths_under_their_outlet()
    {
        Assert.Equal(Content.Items.Count, Content.Items.Select(i => i.Path).Distinct().Count());
        Assert.All(Content.Items, i => Assert.StartsWith("/" + i.Outlet.Slug + "/", i.Path, StringComparison.Ordinal));
    }

    private static double Jaccard(NewsItem a, NewsItem b)
    {
        var x = Shingles(Tokenizer.Terms(string.Join("\n", a.Paragraphs)), 3);
        var y = Shingles(Tokenizer.Terms(string.Join("\n", b.Paragraphs)), 3);
        return (double)x.Intersect(y).Count() / x.Union(y).Count();
    }

    private static HashSet<string> Shingles(List<string> terms, int n) =>
        [.. Enumerable.Range(0, Math.Max(0, terms.Count - n + 1)).Select(i => string.Join(' ', terms.Skip(i).Take(n)))];
}
