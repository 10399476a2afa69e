namespace MediaMonitor.Alerting.Tests.Delivery;

public sealed class WebhookBodyTests
{
    private static readonly WebhookPayload Payload = new(Guid.NewGuid(), Guid.NewGuid(), "Kazakhstan <watch>", Guid.NewGuid(), Guid.NewGuid(),
        "NATO & CSTO centre", "https://a.example/1", "Outlet One", 3, 2, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("https://hooks.slack.com/services/T000/B000/XXXX", true)]
    [InlineData("http://127.0.0.1:5000/services/T1/B1/x", true)]
    [InlineData("https://chat.example/hooks/abc123", true)]
    [InlineData("https://receiver.example/alerts", false)]
    public void Slack_format_is_chosen_for_Slack_and_Slack_compatible_URLs(string url, bool slack) =>
        Assert.Equal(slack, WebhookBody.IsSlack(new Uri(url)));

    [Fact]
    public void Slack_message_links_the_story_with_escaped_text_and_copy_counts()
    {
        using var json = JsonDocument.Parse(WebhookBody.Slack(Payload));
        var text = json.RootElement.GetProperty("text").GetString()!;

        Assert.Equal("*Kazakhstan &lt;watch&gt;*: <https://a.example/1|NATO &amp; CSTO centre> (Outlet One, 3 copies in 2 outlets)", text);
        Assert.Equal("section", json.RootElement.GetProperty("blocks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void Own_format_carries_every_field_in_camel_case()
    {
        using var json = JsonDocument.Parse(WebhookBody.For(new Uri("https://receiver.example/alerts"), Payload));

        Assert.Equal(Payload.AlertId, json.RootElement.GetProperty("alertId").GetGuid());
        Assert.Equal(3, json.RootElement.GetProperty("copies").GetInt32());
        Assert.Equal("Outlet One", json.RootElement.GetProperty("outlet").GetString());
    }

    [Fact]
    public void A_signature_verifies_with_the_same_secret_only_and_only_while_fresh()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var signature = WebhookSignature.Sign("secret", now.ToUnixTimeSeconds(), "{\"a\":1}");

        Assert.True(WebhookSignature.Verify("secret", "1800000000", "{\"a\":1}", signature, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("other", "1800000000", "{\"a\":1}", signature, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("secret", "1800000000", "{\"a\":2}", signature, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("secret", "1800000000", "{\"a\":1}", signature, now.AddMinutes(10), TimeSpan.FromMinutes(5)));
    }
}
