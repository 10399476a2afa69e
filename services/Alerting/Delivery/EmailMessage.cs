using MimeKit;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// A notice as an e-mail: plain text and HTML alternatives, and a Message-ID made of the idempotency key, so a repeated
/// attempt carries the same Message-ID and the recipient's mail system can drop the second copy.
/// </summary>
public static class EmailMessage
{
    public const string IdempotencyKeyHeader = "X-MediaMonitor-Idempotency-Key";

    public static MimeMessage Build(OutgoingMessage message, MailboxAddress from, string to, string messageIdDomain, DateTimeOffset date)
    {
        var email = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = MessageId(message.IdempotencyKey, messageIdDomain),
            Date = date,
            Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody(),
        };
        email.From.Add(from);
        email.To.Add(MailboxAddress.Parse(to));
        email.Headers.Add(IdempotencyKeyHeader, message.IdempotencyKey);
        email.Headers.Add("Auto-Submitted", "auto-generated");
        return email;
    }

    /// <summary>The Message-ID (without angle brackets) for an idempotency key.</summary>
    public static string MessageId(string idempotencyKey, string domain) => $"{idempotencyKey}@{domain}";
}
