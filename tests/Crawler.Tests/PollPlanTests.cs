namespace MediaMonitor.Crawler.Tests;

public sealed class PollPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("5d0c6f0e-3b1a-4c9e-9f4e-2a7b8c9d0e1f");

    private static WatchedSource Source(string url, int dueInSeconds, bool disabled = false) =>
        new(Guid.NewGuid(), "t", new Uri(url), null, null, null, TimeSpan.FromSeconds(60), Now.AddSeconds(dueInSeconds), 0, disabled, 1);

    private static HashSet<Guid> All(params WatchedSource[] sources) => sources.Select(s => s.SourceId).ToHashSet();

    [Fact]
    public void Every_due_host_is_started_at_once_earliest_first_and_not_bounded_by_a_count_of_sources()
    {
        var sources = Enumerable.Range(0, 300).Select(i => Source($"http://h{i}.example/feed", -i)).ToArray();
        var due = PollPlan.Due(sources, All(sources), new HashSet<Guid>(), new HashSet<string>(), Now, 512);
        Assert.Equal(300, due.Count);
        Assert.Equal(sources[^1].SourceId, due[0].SourceId);
    }

    [Fact]
    public void One_poll_per_host_at_a_time_so_a_busy_host_leaves_its_place_to_other_hosts()
    {
        var a1 = Source("http://a.example/one", -30);
        var a2 = Source("http://a.example/two", -20);
        var b = Source("http://b.example/feed", -10);
        var c = Source("http://c.example:8080/feed", -5);
        var busy = new HashSet<string> { "http://c.example:8080" };
        var due = PollPlan.Due([a1, a2, b, c], All(a1, a2, b, c), new HashSet<Guid>(), busy, Now, 10);
        Assert.Equal([a1.SourceId, b.SourceId], due.Select(s => s.SourceId));
    }

    [Fact]
    public void Sources_not_due_not_held_disabled_or_in_flight_wait_and_the_room_bounds_the_pick()
    {
        var later = Source("http://later.example/", 5);
        var notHeld = Source("http://other-replica.example/", -5);
        var disabled = Source("http://off.example/", -5, disabled: true);
        var running = Source("http://running.example/", -5);
        var ready = Enumerable.Range(0, 5).Select(i => Source($"http://r{i}.example/", -i)).ToArray();
        var held = All([later, disabled, running, .. ready]);
        var due = PollPlan.Due([later, notHeld, disabled, running, .. ready], held, new HashSet<Guid> { running.SourceId }, new HashSet<string>(), Now, 3);
        Assert.Equal(ready.Reverse().Take(3).Select(s => s.SourceId), due.Select(s => s.SourceId));
        Assert.Empty(PollPlan.Due(ready, All(ready), new HashSet<Guid>(), new HashSet<string>(), Now, 0));
    }

    [Fact]
    public void A_polled_source_is_due_one_interval_after_it_was_due_not_after_the_poll_ended()
    {
        var interval = TimeSpan.FromSeconds(60);

        // Due at Now, started 5 s late behind its host and done 2 s later: read again at Now + 60 s, not Now + 67 s.
        Assert.Equal(Now + interval, PollPlan.NextAfterPoll(Now, Now.AddSeconds(5), interval, Now.AddSeconds(7), Id));

        // A new interval (adaptive polling) counts from the same due time.
        Assert.Equal(Now.AddSeconds(90), PollPlan.NextAfterPoll(Now, Now.AddSeconds(5), TimeSpan.FromSeconds(90), Now.AddSeconds(7), Id));
    }

    [Fact]
    public void A_poll_that_started_late_is_followed_by_the_next_no_sooner_than_half_an_interval_after_it_started()
    {
        var interval = TimeSpan.FromSeconds(60);
        Assert.Equal(Now.AddSeconds(40) + (interval / 2), PollPlan.NextAfterPoll(Now, Now.AddSeconds(40), interval, Now.AddSeconds(41), Id));
    }

    [Fact]
    public void A_source_a_whole_interval_behind_starts_afresh_from_now_instead_of_being_polled_again_at_once()
    {
        var interval = TimeSpan.FromSeconds(60);
        Assert.Equal(Now.AddSeconds(61) + interval, PollPlan.NextAfterPoll(Now, Now.AddSeconds(1), interval, Now.AddSeconds(61), Id));
        Assert.Equal(Now + interval, PollPlan.NextAfterPoll(Now - interval, Now, interval, Now, Id));
    }

    [Fact]
    public void Sources_first_polled_together_are_due_again_spread_over_the_interval_between_half_and_one_and_a_half_intervals_later()
    {
        var interval = TimeSpan.FromSeconds(60);
        // 2,000 sources added within 20 s, each polled for the first time as it was added.
        var firsts = Enumerable.Range(0, 2000).Select(i => Now.AddMilliseconds(i * 10)).ToList();
        var seconds = firsts.Select(at => (First: at, Next: PollPlan.NextAfterPoll(DateTimeOffset.MinValue, at, interval, at, Guid.NewGuid()))).ToList();

        Assert.All(seconds, s => Assert.InRange(s.Next, s.First + (interval / 2), s.First + (interval * 1.5)));
        // Fixed-rate from there on, so the second polls' spread is every later minute's: no 10-s slice of the minute holds
        // more than a quarter of them (all 2,000 fell in the same 20 s before).
        var bySlice = seconds.GroupBy(s => (int)((s.Next - Now).TotalSeconds % 60) / 10).Select(g => g.Count()).ToList();
        Assert.Equal(6, bySlice.Count);
        Assert.All(bySlice, n => Assert.InRange(n, 200, 500));
    }

    [Fact]
    public void A_sources_phase_is_fixed_by_its_id()
    {
        Assert.Equal(PollPlan.PhaseOf(Id), PollPlan.PhaseOf(new Guid(Id.ToString())));
        Assert.InRange(PollPlan.PhaseOf(Id), 0, 0.9999999999);
        Assert.Equal(Now + (TimeSpan.FromSeconds(60) * (0.5 + PollPlan.PhaseOf(Id))), PollPlan.NextAfterPoll(DateTimeOffset.MinValue, Now, TimeSpan.FromSeconds(60), Now, Id));
    }

    [Fact]
    public void The_host_of_a_source_is_the_origin_of_the_feed_it_reads()
    {
        var page = Source("http://site.example/news", 0) with { FeedUrl = new Uri("https://feeds.site.example/rss") };
        Assert.Equal("https://feeds.site.example:443", PollPlan.HostOf(page));
    }
}
