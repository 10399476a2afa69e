using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Tests;

/// <summary>The SSRF guard on delivery and the refusal of settings that would break delivery.</summary>
public sealed partial class AlertingPipelineTests
{
    [Fact]
    public async Task A_webhook_on_a_loopback_address_outside_the_allowlist_is_refused_recorded_with_the_reason_and_dead_lettered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_ssrf", new Dictionary<string, string?>
        {
            // An allowlist that does not cover the receiver on 127.0.0.1, as in production.
            ["Alerting:AllowedNetworks:0"] = "10.255.255.254/32",
            ["Alerting:Delivery:ImmediateAttempts"] = "1",
            ["Alerting:Delivery:RetryWindow"] = "00:00:00",
        });
        var subscriptionId = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/ssrf", "Outlet One", "Kazakhstan centre opens", storyId);

        var events = await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(subscriptionId, storyId), e => e.OfType<AlertDeadLettered>().Any());

        var failed = Assert.Single(events.OfType<AlertDeliveryFailed>());
        Assert.Contains("refused by the SSRF guard", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1 is a loopback address", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("SSRF guard", Assert.Single(events.OfType<AlertDeadLettered>()).Reason, StringComparison.Ordinal);
        Assert.Empty(events.OfType<AlertDelivered>());
        Assert.Empty(receiver.Posts);
    }

    [Fact]
    public async Task A_webhook_that_redirects_is_not_followed_and_the_failure_says_so()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var redirector = await LoopbackSite.StartAsync((app, _) =>
            app.MapPost("/hook", () => Results.Redirect(receiver.Url.ToString(), permanent: true, preserveMethod: true)));
        await using var pipeline = await Pipeline.StartAsync("alerting_redirect", new Dictionary<string, string?>
        {
            ["Alerting:Delivery:ImmediateAttempts"] = "1",
            ["Alerting:Delivery:RetryWindow"] = "00:00:00",
        });
        var subscriptionId = await pipeline.SubscribeAsync("Kazakhstan", new Uri(redirector.BaseAddress, "/hook"));
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/redirect", "Outlet One", "Kazakhstan centre opens", storyId);

        var events = await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(subscriptionId, storyId), e => e.OfType<AlertDeadLettered>().Any());

        Assert.Contains("308", Assert.Single(events.OfType<AlertDeliveryFailed>()).Reason, StringComparison.Ordinal);
        Assert.Contains("redirects are not followed", events.OfType<AlertDeliveryFailed>().Single().Reason, StringComparison.Ordinal);
        Assert.Empty(receiver.Posts);
    }

    [Theory]
    [InlineData("Alerting:Delivery:ImmediateAttempts", "0", "Alerting__Delivery__ImmediateAttempts is 0; it must be 1 to 20")]
    [InlineData("Alerting:Delivery:ClaimSeconds", "5", "Alerting__Delivery__ClaimSeconds is 5; it must be more than Delivery__TimeoutSeconds (10)")]
    [InlineData("Alerting:Delivery:MaxBackoffSeconds", "0", "Alerting__Delivery__MaxBackoffSeconds is 0")]
    [InlineData("Alerting:Digests:MaxStories", "0", "Alerting__Digests__MaxStories is 0; it must be 1 to 1000")]
    public async Task A_setting_that_would_break_delivery_stops_startup_with_a_message_naming_it(string key, string value, string message)
    {
        var settings = (await TestEnvironment.CreateAsync("alerting_badopt")).Settings;
        settings[key] = value;

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await ServiceHost.StartAsync(AlertingHost.Wiring, settings);
        });

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_settings_are_valid_and_each_bad_one_is_named()
    {
        Assert.Empty(AlertingOptionsValidation.Failures(new AlertingOptions()));
        var bad = new AlertingOptions { CatalogRefreshSeconds = 0, Delivery = { ImmediateAttempts = 0, TimeoutSeconds = 30, ClaimSeconds = 30 } };

        Assert.Equal(3, AlertingOptionsValidation.Failures(bad).Count());
    }
}
