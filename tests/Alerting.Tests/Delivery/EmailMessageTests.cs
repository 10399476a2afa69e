using MediaMonitor.Alerting.Alerts;
using MimeKit;

namespace MediaMonitor.Alerting.Tests.Delivery;

/// <summary>An alert as an e-mail: plain text and HTML with title, link, coverage and query; Message-ID from the idempotency key.</summary>
public sealed class EmailMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly Subscription Subscription =
        new(Guid.NewGuid(), "t", "Kazakhstan watch", "NATO \"peacekeeping center\"", QueryParser.Parse("NATO \"peacekeeping center\"").Query!, null);

    private static AlertState Alert()
    {
        var alertId = Guid.NewGuid();
        return AlertState.From(alertId, [
            new AlertRaised(alertId, Subscription.Id, "t", Guid.NewGuid(), Guid.NewGuid(), "https://one.example/a?x=1&y=2", "NATO <centre> opens", "Outlet One", Now, "test"),
            new AlertUpdated(alertId, Guid.NewGuid(), "Outlet Two", 2, 2, Now.AddMinutes(1)),
            new AlertUpdated(alertId, Guid.NewGuid(), "Outlet Two", 3, 2, Now.AddMinutes(2)),
        ]);
    }

    [Fact]
    public void The_Message_ID_is_the_idempotency_key_at_the_configured_domain()
    {
        var alert = Alert();
        var email = EmailMessage.Build(AlertMessage.Compose(alert, Subscription), MailboxAddress.Parse("MM <alerts@mm.example>"), "analyst@client.example", "mm.example", Now);

        Assert.Equal($"{alert.AlertId}@mm.example", email.MessageId);
        Assert.Equal(alert.AlertId.ToString(), email.Headers[EmailMessage.IdempotencyKeyHeader]);
        Assert.Equal("analyst@client.example", email.To.Mailboxes.Single().Address);
        Assert.Equal("Kazakhstan watch: NATO <centre> opens", email.Subject);
    }

    [Fact]
    public void Text_and_HTML_parts_carry_title_link_copies_outlets_and_the_matched_query()
    {
        var email = EmailMessage.Build(AlertMessage.Compose(Alert(), Subscription), MailboxAddress.Parse("alerts@mm.example"), "a@b.example", "mm.example", Now);

        Assert.Equal("multipart/alternative", email.Body!.ContentType.MimeType);
        Assert.Contains("NATO <centre> opens", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://one.example/a?x=1&y=2", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("3 copies in 2 outlets (Outlet One, Outlet Two)", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Matched query: NATO \"peacekeeping center\"", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://one.example/a?x=1&amp;y=2\">NATO &lt;centre&gt; opens</a>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<code>NATO &quot;peacekeeping center&quot;</code>", email.HtmlBody, StringComparison.Ordinal);
    }
}
