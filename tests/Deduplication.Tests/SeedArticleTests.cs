using MediaMonitor.TestSupport;

namespace MediaMonitor.Deduplication.Tests;

public sealed class SeedArticleTests
{
    private static readonly DateTimeOffset May9 = new(2024, 5, 9, 3, 8, 2, TimeSpan.Zero);

    [SkippableFact]
    public void SharedData_seed_article_republished_with_other_boilerplate_headline_and_edits_is_a_duplicate()
    {
        var seed = File.ReadAllText(SharedData.PathTo("seed", "nato-center-kazakhstan.txt"));
        var lines = seed.Split('\n');
        var body = string.Join('\n', lines.SkipWhile(l => !l.StartsWith("/ world today news/", StringComparison.Ordinal))
            .TakeWhile(l => !l.StartsWith("Translation:", StringComparison.Ordinal)));

        // Another outlet: its own header and footer, a new headline, a dateline, a few words changed, the last paragraph cut.
        var paragraphs = body.Replace("/ world today news/ ", "", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        paragraphs.RemoveAt(paragraphs.Count - 1);
        var copy = "Steppe Courier | World | Analysis\n\nALMATY, May 10 (Steppe Courier) - " + string.Join("\n\n", paragraphs)
            .Replace("Kremlin press secretary", "Kremlin spokesman", StringComparison.Ordinal)
            .Replace("Nikita Mendkovic.", "Nikita Mendkovich.", StringComparison.Ordinal)
            + "\n\nSubscribe to the Steppe Courier newsletter for the region's news every morning.\n\nComments are closed.";

        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30));
        var original = Guid.NewGuid();
        index.Add(original, "Kazakhstan's delicate balance plays in Russia's favor", seed, May9);
        var verdict = index.Add(Guid.NewGuid(), "Is Astana drifting West? Experts weigh NATO centre reports", copy, May9.AddHours(20));

        Assert.Equal(DedupVerdict.DuplicateOf, verdict.Verdict);
        Assert.Equal(original, verdict.DuplicateOf);
    }

    [SkippableFact]
    public void SharedData_seed_article_and_an_unrelated_story_stay_apart()
    {
        var seed = File.ReadAllText(SharedData.PathTo("seed", "nato-center-kazakhstan.txt"));
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30));
        index.Add(Guid.NewGuid(), "Kazakhstan's delicate balance", seed, May9);
        Assert.Equal(DedupVerdict.Original, index.Add(Guid.NewGuid(), "Floods", Stories.Flood + "\n\n" + Stories.Flood, May9.AddHours(1)).Verdict);
    }
}
