using System.Net;
using System.Net.Http.Json;
using Marten;
using MediaMonitor.Api.Subscriptions;
using MediaMonitor.Contracts;

namespace MediaMonitor.Api.Tests;

/// <summary>POST /api/subscriptions with e-mail, Slack, digest and spike options: recorded on SubscriptionCreated, validated with a reason.</summary>
[Collection(ApiCollection.Name)]
public sealed class SubscriptionDeliveryEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task Email_Slack_digest_and_spike_options_are_recorded_and_listed_without_the_Slack_URL()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var response = await client.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "Morning digest",
            query = "NATO Kazakhstan",
            email = "analyst@client.example",
            slackUrl = "https://hooks.slack.com/services/T0/B0/secret",
            immediate = false,
            digest = new { frequency = "weekly", time = "08:30", timeZone = "Europe/Berlin", day = "monday" },
            spike = new { sigmas = 4, minimumCount = 10 },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<ApiSubscription>())!;
        await using (var session = api.Store.QuerySession())
        {
            var e = Assert.IsType<SubscriptionCreated>(Assert.Single(await session.Events.FetchStreamAsync(created.Id)).Data);
            Assert.Equal(new SubscriptionDelivery("analyst@client.example", "https://hooks.slack.com/services/T0/B0/secret", false,
                new DigestSchedule(DigestFrequency.Weekly, 8, 30, "Europe/Berlin", DayOfWeek.Monday), new SpikeWatch(4, 10)), e.Delivery);
        }

        var listed = await client.GetStringAsync(new Uri($"/api/subscriptions/{created.Id}", UriKind.Relative));
        Assert.Contains("\"email\":\"analyst@client.example\"", listed, StringComparison.Ordinal);
        Assert.Contains("\"timeZone\":\"Europe/Berlin\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com", listed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"x","query":"NATO","email":"not-an-address"}""", "email must be a plain e-mail address")]
    [InlineData("""{"name":"x","query":"NATO","email":"Analyst <a@b.example>"}""", "email must be a plain e-mail address")]
    [InlineData("""{"name":"x","query":"NATO","slackUrl":"ftp://x.example/"}""", "slackUrl must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","digest":{"frequency":"monthly","time":"08:00","timeZone":"UTC"}}""", "digest.frequency must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","digest":{"frequency":"daily","time":"8am","timeZone":"UTC"}}""", "digest.time must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","digest":{"frequency":"daily","time":"08:00","timeZone":"Mars/Olympus"}}""", "digest.timeZone must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","digest":{"frequency":"weekly","time":"08:00","timeZone":"UTC"}}""", "digest.day must be")]
    [InlineData("""{"name":"x","query":"NATO","email":"a@b.example","spike":{"sigmas":0.5}}""", "spike.sigmas must be")]
    [InlineData("""{"name":"x","query":"NATO","spike":{}}""", "needs a channel")]
    public async Task Bad_delivery_options_are_rejected_with_400_and_say_why(string body, string reason)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var response = await client.PostAsync(new Uri("/api/subscriptions", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
