using System.Net;
using System.Text.Json;
using MediaMonitor.Alerting.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace MediaMonitor.EndToEnd.Tests;

/// <summary>A delivery change through the Api reaches Alerting over RabbitMQ: the next alert goes to the new webhook.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DeliveryChangeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private const string FirstText = """
        The city council of Almaty approved a new tram line on Monday that will link the airport with the old town centre.
        Construction is to start in spring and the first trams should run within three years, the deputy mayor said.
        Residents of the eastern districts welcomed the plan but asked for more stops near the markets and the hospital.
        The council will borrow part of the money from a development bank and pay the rest from the city budget.
        """;

    private const string SecondText = """
        Almaty hosted a regional chess festival this weekend that drew more than six hundred players from nine countries.
        A sixteen year old from Shymkent won the open section after a tense final round against a grandmaster from Tashkent.
        Organisers said the festival would return next year with a separate tournament for schools and a rapid event.
        Sponsors included a telecom operator and two banks, which also paid for free entry for children under twelve.
        """;

    [Fact]
    public async Task A_webhook_URL_changed_through_the_api_receives_the_next_alert_and_the_old_one_does_not()
    {
        await using var outlet = await ArticleFeedSite.StartAsync();
        await using var oldHook = await WebhookReceiver.StartAsync();
        await using var newHook = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync();
        var api = await pipeline.CreateTenantAsync();
        var created = await api.PostAsJsonAsync("/api/subscriptions", new { name = "Almaty", query = "Almaty", webhookUrl = oldHook.Url.ToString() });
        var subscription = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, secret) = (subscription.GetProperty("id").GetGuid(), subscription.GetProperty("webhookSecret").GetString()!);
        (await api.PostAsJsonAsync("/api/sources", new { url = outlet.FeedUrl.ToString() })).EnsureSuccessStatusCode();

        outlet.Publish("almaty-tram", "Almaty approves a tram line to the airport", FirstText);
        await Eventually.Until(() => Task.FromResult(oldHook.Posts.Count), n => n >= 1, Timeout, "the first alert at the old webhook");

        var changed = await api.PatchAsJsonAsync($"/api/subscriptions/{id}/delivery", new { webhookUrl = newHook.Url.ToString() });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var catalog = pipeline.ServicesOf("Alerting").GetRequiredService<SubscriptionCatalog>();
        await Eventually.Until(() => Task.FromResult(catalog.Find(id)?.WebhookUrl), url => url == newHook.Url.ToString(), TimeSpan.FromSeconds(30),
            "the new webhook in Alerting's catalog");
        outlet.Publish("almaty-chess", "Chess festival draws six hundred players to Almaty", SecondText);
        await Eventually.Until(() => Task.FromResult(newHook.Posts.Count), n => n >= 1, Timeout, "the next alert at the new webhook");
        // Quiet: both alerts have reached Alerting's delivery consumer, so a stray POST to the old webhook would be out.
        await pipeline.ConsumedBy("Alerting").WaitForAsync<AlertRaised>(2, Timeout);

        Assert.Single(oldHook.Posts);
        var post = Assert.Single(newHook.Posts);
        Assert.Contains("Chess festival", post.Body, StringComparison.Ordinal);
        Assert.True(
            MediaMonitor.Alerting.Delivery.WebhookSignature.Verify(secret, post.Timestamp!, post.Body, post.Signature!, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
            "the POST to the new webhook verifies with the secret the subscription kept");
    }
}
