namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// One notice rendered for every channel: the subject, plain text and HTML of the e-mail, MediaMonitor's JSON for a
/// webhook and a Slack message; IdempotencyKey is the same on every attempt and channel (the stream id).
/// </summary>
public sealed record OutgoingMessage(string IdempotencyKey, string Subject, string Text, string Html, string Json, string Slack);
