namespace MediaMonitor.Contracts.Api;

/// <summary>
/// When a digest is due, in the subscriber's IANA time zone: hourly at Minute past each hour, daily at Hour:Minute,
/// weekly on Day at Hour:Minute (e.g. Daily, 8, 0, "Europe/Berlin").
/// </summary>
public sealed record DigestSchedule(DigestFrequency Frequency, int Hour, int Minute, string TimeZone, DayOfWeek? Day = null);
