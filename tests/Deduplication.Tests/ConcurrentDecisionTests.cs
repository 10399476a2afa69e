using System.Globalization;

namespace MediaMonitor.Deduplication.Tests;

/// <summary>
/// Decisions taken at the same instant on the real PostgreSQL, straight through each replica's
/// <see cref="ArticleDeduplicator"/> (no queue in between to space them out): copies of one story decided together, in
/// one replica's batch or in two replicas' batches, still come out as one original and its copies in one story.
/// </summary>
public sealed class ConcurrentDecisionTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Syllables = ["ka", "vor", "lin", "te", "mus", "ra", "den", "sol", "bri", "ost", "hal", "em", "nor", "vik", "sa", "tu", "gel", "mar"];

    [Fact]
    public async Task Two_copies_of_one_story_decided_at_once_are_one_original_and_one_copy_in_one_story()
    {
        await using var pipeline = await DedupPipeline.StartAsync("dedup_concurrent");
        ArticleDeduplicator[] replicas =
        [
            (await pipeline.StartDeduplicationAsync()).Services.GetRequiredService<ArticleDeduplicator>(),
            (await pipeline.StartDeduplicationAsync()).Services.GetRequiredService<ArticleDeduplicator>(),
        ];

        // Even stories: the two copies go to two replicas; odd ones: both to one replica. All 32 decisions start together.
        const int stories = 16;
        var started = new List<Func<Task<ArticleDeduplicated?>>>();
        for (var story = 0; story < stories; story++)
        {
            var text = StoryText(story);
            var first = DedupPipeline.Fetched($"https://outlet{story}.example/news/{story}", $"Story {story}", text, Noon.AddMinutes(story), $"Outlet {story}");
            var copy = DedupPipeline.Fetched(
                $"https://wire.example/{story}", $"Wire {story}", $"Home » Regional news\n\nBy Staff Reporter | Northern Wire\n\n{text}\n\nFollow us for more regional news.",
                Noon.AddMinutes(story).AddSeconds(30), "Northern Wire");
            var (a, b) = story % 2 == 0 ? (replicas[0], replicas[1]) : (replicas[story / 2 % 2], replicas[story / 2 % 2]);
            started.Add(() => a.DeduplicateAsync(first, CancellationToken.None));
            started.Add(() => b.DeduplicateAsync(copy, CancellationToken.None));
        }

        var verdicts = await Task.WhenAll(started.Select(start => Task.Run(start)));

        for (var story = 0; story < stories; story++)
        {
            var pair = new[] { verdicts[2 * story], verdicts[(2 * story) + 1] };
            Assert.All(pair, v => Assert.NotNull(v));
            var original = Assert.Single(pair, v => v!.Verdict == DedupVerdict.Original);
            var copy = Assert.Single(pair, v => v!.Verdict == DedupVerdict.DuplicateOf);
            Assert.Equal(original!.ArticleId, copy!.DuplicateOf);
            Assert.Equal(original.StoryId, copy.StoryId);
            Assert.Equal(original.ArticleId, original.StoryId);
        }

        // Each article has exactly one verdict in its stream.
        foreach (var verdict in verdicts)
        {
            Assert.Single(await pipeline.VerdictsAsync(verdict!.ArticleId));
        }
    }

    /// <summary>A story of its own: invented words, names and figures no other story of the test shares.</summary>
    private static string StoryText(int story)
    {
        var random = new Random(1000 + story);
        string Word() => string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Syllables[random.Next(Syllables.Length)]));
        string Sentence() => Capitalized(string.Join(' ', Enumerable.Range(0, 20).Select(k => k switch
        {
            4 or 13 => Capitalized(Word()) + " " + Capitalized(Word()),
            9 => random.Next(100, 9999).ToString(CultureInfo.InvariantCulture),
            _ => Word(),
        }))) + ".";
        return string.Join("\n\n", Enumerable.Range(0, 6).Select(_ => Sentence() + " " + Sentence()));
    }

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
