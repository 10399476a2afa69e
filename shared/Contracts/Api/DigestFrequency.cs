namespace MediaMonitor.Contracts.Api;

/// <summary>How often a subscription's digest is sent.</summary>
public enum DigestFrequency
{
    Hourly = 0,
    Daily = 1,
    Weekly = 2,
}
