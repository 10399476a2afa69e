using MediaMonitor.Alerting.Spikes;

namespace MediaMonitor.Alerting.Tests.Spikes;

/// <summary>The spike rule on synthetic hourly series: mean + k x max(deviation, sqrt(mean), 1), and a minimum count.</summary>
public sealed class SpikeDetectorTests
{
    private static readonly SpikeWatch Watch = new(Sigmas: 3, MinimumCount: 5);

    /// <summary>14 days of hourly counts with a daily rhythm: busy working hours, quiet nights.</summary>
    private static int[] DailyRhythm(int busy, int quiet) => [.. Enumerable.Range(0, 14 * 24).Select(h => h % 24 is >= 8 and < 18 ? busy : quiet)];

    [Fact]
    public void A_busy_hour_of_an_ordinary_day_is_not_a_spike()
    {
        var baseline = DailyRhythm(busy: 12, quiet: 2);

        Assert.False(SpikeDetector.Evaluate(14, baseline, Watch).IsSpike);
    }

    [Fact]
    public void Several_times_the_usual_level_is_a_spike_with_the_baseline_recorded()
    {
        var baseline = DailyRhythm(busy: 12, quiet: 2);

        var verdict = SpikeDetector.Evaluate(40, baseline, Watch);

        Assert.True(verdict.IsSpike);
        Assert.Equal(6.17, verdict.Mean, 2);
        Assert.Equal(4.93, verdict.Deviation, 2);
        Assert.True(verdict.Threshold is > 20 and < 22, verdict.ToString());
    }

    [Fact]
    public void A_topic_that_is_usually_silent_needs_the_minimum_count()
    {
        var silent = new int[14 * 24];

        Assert.False(SpikeDetector.Evaluate(4, silent, Watch).IsSpike);
        Assert.True(SpikeDetector.Evaluate(5, silent, Watch).IsSpike);
    }

    [Fact]
    public void A_steady_series_without_spread_still_needs_a_Poisson_sized_rise()
    {
        var steady = Enumerable.Repeat(25, 14 * 24).ToArray();

        // Deviation 0, so sqrt(25) = 5 stands in for it: the threshold is 25 + 3 x 5 = 40.
        Assert.False(SpikeDetector.Evaluate(40, steady, Watch).IsSpike);
        Assert.True(SpikeDetector.Evaluate(41, steady, Watch).IsSpike);
    }

    [Fact]
    public void Match_times_are_bucketed_into_the_last_hour_and_the_whole_hours_before_it()
    {
        var end = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        DateTimeOffset[] times = [end.AddMinutes(-1), end.AddMinutes(-59), end.AddMinutes(-61), end.AddHours(-3).AddMinutes(-1), end.AddHours(-30), end.AddMinutes(1)];

        var (lastHour, baseline) = SpikeDetector.Bucket(times, end, baselineHours: 24);

        Assert.Equal(2, lastHour);
        Assert.Equal(24, baseline.Length);
        Assert.Equal(1, baseline[23]);
        Assert.Equal(1, baseline[21]);
        Assert.Equal(2, baseline.Sum());
    }

    [Fact]
    public void The_baseline_of_a_new_subscription_covers_only_the_hours_since_it_was_created()
    {
        var now = new DateTimeOffset(2026, 11, 29, 15, 40, 0, TimeSpan.Zero);

        Assert.Equal(0, SpikeDetector.BaselineHours(now.AddMinutes(-50), now, 14));
        Assert.Equal(0, SpikeDetector.BaselineHours(now.AddMinutes(-90), now, 14));
        Assert.Equal(5, SpikeDetector.BaselineHours(now.AddHours(-6.5), now, 14));
        Assert.Equal(14 * 24, SpikeDetector.BaselineHours(now.AddDays(-30), now, 14));
        Assert.Equal(14 * 24, SpikeDetector.BaselineHours(default, now, 14));
    }

    [Fact]
    public void A_busy_topic_s_usual_hour_is_no_spike_for_a_new_subscription_once_its_baseline_is_only_its_own_hours()
    {
        var now = new DateTimeOffset(2026, 11, 29, 15, 40, 0, TimeSpan.Zero);
        var created = now.AddHours(-30);

        // Six matches an hour since it was created, six in the last hour too.
        var matches = Enumerable.Range(1, 29).Prepend(0)
            .SelectMany(h => Enumerable.Range(0, 6).Select(i => now.AddHours(-h).AddMinutes(-5 - (5 * i))))
            .ToList();

        // Zeros for the 14 days before it existed would make it one.
        var (lastHourAll, allDays) = SpikeDetector.Bucket(matches, now, 14 * 24);
        Assert.True(SpikeDetector.Evaluate(lastHourAll, allDays, Watch).IsSpike);

        var (lastHour, ownHours) = SpikeDetector.Bucket(matches, now, SpikeDetector.BaselineHours(created, now, 14));
        Assert.False(SpikeDetector.Evaluate(lastHour, ownHours, Watch).IsSpike);
    }
}
