using MediaMonitor.Alerting.Digests;

namespace MediaMonitor.Alerting.Tests.Digests;

/// <summary>When digests fall due in the subscriber's zone, across daylight-saving transitions.</summary>
public sealed class DigestCalendarTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static readonly DigestSchedule DailyBerlin = new(DigestFrequency.Daily, 8, 0, "Europe/Berlin");

    [Theory]
    [InlineData("America/Argentina")]
    [InlineData("Etc/")]
    [InlineData("../../etc/passwd")]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    public void A_zone_that_does_not_resolve_is_refused_without_throwing(string id)
    {
        Assert.False(DigestCalendar.TryZone(id, out var zone));
        Assert.Equal(TimeZoneInfo.Utc, zone);
    }

    [Fact]
    public void A_daily_digest_at_eight_in_Berlin_is_due_at_seven_UTC_in_winter_and_six_in_summer()
    {
        Assert.Equal(Utc(1, 15, 7), DigestCalendar.NextDue(DailyBerlin, Utc(1, 15, 6, 59)));
        Assert.Equal(Utc(1, 16, 7), DigestCalendar.NextDue(DailyBerlin, Utc(1, 15, 7)));
        Assert.Equal(Utc(7, 1, 6), DigestCalendar.NextDue(DailyBerlin, Utc(6, 30, 6)));
    }

    [Fact]
    public void The_daily_period_spanning_the_spring_transition_is_23_hours_and_the_autumn_one_25()
    {
        var spring = DigestCalendar.PeriodEndingAt(DailyBerlin, DigestCalendar.NextDue(DailyBerlin, Utc(3, 29, 0)));
        var autumn = DigestCalendar.PeriodEndingAt(DailyBerlin, DigestCalendar.NextDue(DailyBerlin, Utc(10, 25, 0)));

        Assert.Equal((Utc(3, 28, 7), Utc(3, 29, 6)), spring);
        Assert.Equal(TimeSpan.FromHours(23), spring.End - spring.Start);
        Assert.Equal((Utc(10, 24, 6), Utc(10, 25, 7)), autumn);
        Assert.Equal(TimeSpan.FromHours(25), autumn.End - autumn.Start);
    }

    [Fact]
    public void A_time_the_spring_transition_skips_is_sent_when_the_clock_would_have_shown_it_and_a_repeated_time_at_its_first_occurrence()
    {
        var halfPastTwo = new DigestSchedule(DigestFrequency.Daily, 2, 30, "Europe/Berlin");

        // 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 is taken as 03:30 CEST = 01:30 UTC.
        Assert.Equal(Utc(3, 29, 1, 30), DigestCalendar.NextDue(halfPastTwo, Utc(3, 29, 0)));

        // 25 October 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice, first at 00:30 UTC, and is sent once.
        Assert.Equal(Utc(10, 25, 0, 30), DigestCalendar.NextDue(halfPastTwo, Utc(10, 24, 23)));
        Assert.Equal(Utc(10, 26, 1, 30), DigestCalendar.NextDue(halfPastTwo, Utc(10, 25, 0, 30)));
    }

    [Fact]
    public void An_hourly_digest_is_due_every_local_hour_including_both_runs_of_the_repeated_hour()
    {
        var hourly = new DigestSchedule(DigestFrequency.Hourly, 0, 15, "Europe/Berlin");
        var dues = new List<DateTimeOffset>();
        var t = Utc(10, 24, 23);
        for (var i = 0; i < 4; i++)
        {
            t = DigestCalendar.NextDue(hourly, t);
            dues.Add(t);
        }

        Assert.Equal([Utc(10, 24, 23, 15), Utc(10, 25, 0, 15), Utc(10, 25, 1, 15), Utc(10, 25, 2, 15)], dues);
    }

    [Fact]
    public void An_hourly_digest_in_a_half_hour_zone_follows_the_local_minute()
    {
        var kolkata = new DigestSchedule(DigestFrequency.Hourly, 0, 0, "Asia/Kolkata");

        Assert.Equal(Utc(5, 1, 10, 30), DigestCalendar.NextDue(kolkata, Utc(5, 1, 10, 0)));
    }

    [Fact]
    public void A_weekly_digest_is_due_on_its_weekday_and_covers_the_week_before()
    {
        var weekly = new DigestSchedule(DigestFrequency.Weekly, 9, 0, "America/New_York", DayOfWeek.Monday);

        // Monday 2 November 2026, 09:00 EST = 14:00 UTC; the week before crosses the 1 November fall-back (168 + 1 hours).
        var due = DigestCalendar.NextDue(weekly, Utc(10, 29, 0));
        Assert.Equal(Utc(11, 2, 14), due);
        Assert.Equal(Utc(10, 26, 13), DigestCalendar.PeriodEndingAt(weekly, due).Start);
        Assert.Equal(due, DigestCalendar.LatestDue(weekly, due.AddDays(6)));
    }
}
