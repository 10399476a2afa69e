using System.Text.Json.Nodes;

namespace MediaMonitor.Api.Tests;

/// <summary>Given the current delivery settings / when a PATCH or PUT body is applied / then the new settings or the reason.</summary>
public sealed class DeliveryChangeRequestTests
{
    private static readonly DigestSchedule Daily = new(DigestFrequency.Daily, 8, 0, "Europe/Berlin");

    private static readonly DeliverySettings Current = new("https://hooks.example/old", "whsec_old",
        new SubscriptionDelivery("analyst@client.example", "hooks.slack.com", Immediate: false, Digest: Daily), "https://hooks.slack.com/services/T/B/x");

    private static (DeliverySettings? Next, string? Error) Apply(string json, bool replace = false, DeliverySettings? current = null)
    {
        var ok = DeliveryChangeRequest.TryApply(JsonNode.Parse(json)?.AsObject(), current ?? Current, replace, () => "whsec_new", out var next, out var error);
        Assert.Equal(ok, next is not null);
        return (next, error);
    }

    [Fact]
    public void A_patch_replaces_the_fields_it_names_and_keeps_the_others_and_the_secret()
    {
        var (next, _) = Apply("""{"webhookUrl":"https://hooks.example/new"}""");

        Assert.Equal(Current with { WebhookUrl = "https://hooks.example/new" }, next);
    }

    [Fact]
    public void Null_or_empty_removes_a_channel_in_a_patch()
    {
        var (next, _) = Apply("""{"email":null,"slackUrl":""}""");

        Assert.Equal(Current.Delivery! with { Email = null, SlackHost = null }, next!.Delivery);
        Assert.Null(next.SlackUrl);
    }

    [Fact]
    public void A_put_replaces_everything_and_an_absent_field_means_none()
    {
        var (next, _) = Apply("""{"webhookUrl":"https://hooks.example/old"}""", replace: true);

        Assert.Equal(new DeliverySettings("https://hooks.example/old", "whsec_old", null), next);
    }

    [Fact]
    public void A_new_webhook_or_a_rotation_gets_a_new_secret_and_removing_the_webhook_drops_it()
    {
        var none = new DeliverySettings(null, null, new SubscriptionDelivery(Email: "a@b.example"));

        Assert.Equal("whsec_new", Apply("""{"webhookUrl":"https://hooks.example/a"}""", current: none).Next!.WebhookSecret);
        Assert.Equal("whsec_new", Apply("""{"rotateWebhookSecret":true}""").Next!.WebhookSecret);
        Assert.Equal((null, null), (Apply("""{"webhookUrl":null}""").Next!.WebhookUrl, Apply("""{"webhookUrl":null}""").Next!.WebhookSecret));
    }

    [Fact]
    public void Digest_and_spike_are_validated_as_at_creation()
    {
        var (next, _) = Apply("""{"digest":{"frequency":"weekly","time":"07:15","timeZone":"UTC","day":"friday"},"spike":{"sigmas":4}}""");

        Assert.Equal(new DigestSchedule(DigestFrequency.Weekly, 7, 15, "UTC", DayOfWeek.Friday), next!.Delivery!.Digest);
        Assert.Equal(new SpikeWatch(4, 5), next.Delivery.Spike);
    }

    [Fact]
    public void Settings_that_ask_for_nothing_beyond_the_webhook_are_recorded_as_none()
    {
        var (next, _) = Apply("""{"email":null,"slackUrl":null,"immediate":true,"digest":null}""");

        Assert.Equal(new DeliverySettings("https://hooks.example/old", "whsec_old", null), next);
    }

    [Theory]
    [InlineData("""{}""", "the body must be a JSON object")]
    [InlineData("""{"webhook":"https://x.example/"}""", "unknown field 'webhook'")]
    [InlineData("""{"webhookUrl":"ftp://x.example/"}""", "webhookUrl must be an absolute http:// or https:// URL")]
    [InlineData("""{"webhookUrl":42}""", "webhookUrl must be a string or null")]
    [InlineData("""{"email":"not-an-address"}""", "email must be a plain e-mail address")]
    [InlineData("""{"immediate":"yes"}""", "immediate must be true or false")]
    [InlineData("""{"digest":"daily"}""", "digest must be null or an object")]
    [InlineData("""{"digest":{"frequency":"monthly","time":"08:00","timeZone":"UTC"}}""", "digest.frequency must be")]
    [InlineData("""{"spike":{"sigmas":0.5}}""", "spike.sigmas must be")]
    [InlineData("""{"webhookUrl":null,"rotateWebhookSecret":true}""", "rotateWebhookSecret needs a webhookUrl")]
    [InlineData("""{"webhookUrl":null,"email":null,"slackUrl":null}""", "a digest or spike watch needs a channel")]
    public void A_bad_change_is_refused_with_a_reason(string json, string reason)
    {
        var (_, error) = Apply(json);

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_Slack_URL_is_kept_for_the_sealed_secrets_and_the_delivery_names_its_host_only()
    {
        var (next, _) = Apply("""{"slackUrl":"https://hooks.slack.com/services/T9/B9/new-token"}""");

        Assert.Equal("https://hooks.slack.com/services/T9/B9/new-token", next!.SlackUrl);
        Assert.Equal(("whsec_old", "https://hooks.slack.com/services/T9/B9/new-token"), (next.Secrets.WebhookSecret, next.Secrets.SlackUrl));
        Assert.Equal("hooks.slack.com", next.Delivery!.SlackHost);
        Assert.DoesNotContain("new-token", next.Delivery.ToString(), StringComparison.Ordinal);
    }
}
