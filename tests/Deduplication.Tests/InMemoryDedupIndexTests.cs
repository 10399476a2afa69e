namespace MediaMonitor.Deduplication.Tests;

public sealed class InMemoryDedupIndexTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 9, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Copy_published_weeks_later_is_matched_within_the_window()
    {
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30));
        var original = Guid.NewGuid();
        index.Add(original, "Bridge opens", Stories.Bridge, Monday);
        var late = index.Add(Guid.NewGuid(), "Bridge, three weeks on", Stories.BridgeSyndicated(), Monday.AddDays(21));
        Assert.Equal(DedupVerdict.DuplicateOf, late.Verdict);
        Assert.Equal(original, late.DuplicateOf);
    }

    [Fact]
    public void Copy_published_after_the_window_is_an_original_again()
    {
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(7));
        index.Add(Guid.NewGuid(), "Bridge opens", Stories.Bridge, Monday);
        var late = index.Add(Guid.NewGuid(), "Bridge, three weeks on", Stories.BridgeSyndicated(), Monday.AddDays(21));
        Assert.Equal(DedupVerdict.Original, late.Verdict);
    }

    [Fact]
    public void Articles_older_than_the_window_leave_the_index_so_memory_stays_bounded()
    {
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(7));
        for (var day = 0; day < 60; day++)
        {
            index.Add(Guid.NewGuid(), "Day " + day, $"Day {day} report. " + Stories.Flood.Replace("Ekdal", "Town" + day, StringComparison.Ordinal), Monday.AddDays(day));
        }

        Assert.InRange(index.Count, 7, 9);
    }

    [Fact]
    public void Copies_fed_in_order_form_one_group_and_other_stories_stay_apart()
    {
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30));
        var bridge = index.Add(Guid.NewGuid(), "Bridge", Stories.Bridge, Monday);
        var flood = index.Add(Guid.NewGuid(), "Flood", Stories.Flood, Monday.AddHours(1));
        var lead = index.Add(Guid.NewGuid(), "Bridge lead", Stories.BridgeLead(), Monday.AddHours(2));
        var reordered = index.Add(Guid.NewGuid(), "Bridge again", Stories.BridgeReordered(), Monday.AddHours(3));
        var template = index.Add(Guid.NewGuid(), "Another bridge", Stories.OtherBridgeFromTheSameTemplate(), Monday.AddHours(4));

        Assert.Equal(DedupVerdict.Original, flood.Verdict);
        Assert.Equal(bridge.StoryId, lead.StoryId);
        Assert.Equal(bridge.StoryId, reordered.StoryId);
        Assert.Equal(DedupVerdict.Original, template.Verdict);
        Assert.NotEqual(bridge.StoryId, template.StoryId);
    }
}
