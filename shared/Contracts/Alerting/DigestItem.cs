namespace MediaMonitor.Contracts.Alerting;

/// <summary>One story in a digest: its alert, title and link, and how many copies in which outlets matched by compile time.</summary>
public sealed record DigestItem(Guid AlertId, Guid StoryId, string Title, string Url, int Copies, IReadOnlyList<string> Outlets, DateTimeOffset RaisedAt);
