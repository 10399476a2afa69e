namespace MediaMonitor.Api.Tests;

/// <summary>PATCH / PUT /api/subscriptions/{id}/delivery: SubscriptionDeliveryChanged, validated, tenant-scoped.</summary>
[Collection(ApiCollection.Name)]
public sealed class SubscriptionDeliveryChangeEndpointTests(ApiFixture api)
{
    // The Api writes enums as names (the 201 of creation too).
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerOptions.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task Patching_the_webhook_URL_records_SubscriptionDeliveryChanged_keeps_the_secret_and_the_other_settings()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        var (created, secret) = await CreateAsync(client, new { name = "S", query = "NATO", webhookUrl = "https://hooks.example/old", email = "analyst@client.example" });

        var response = await client.PatchAsJsonAsync($"/api/subscriptions/{created.Id}/delivery", new { webhookUrl = "https://hooks.example/new" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("webhookSecret", body, StringComparison.Ordinal);
        var shown = await client.GetFromJsonAsync<ApiSubscription>($"/api/subscriptions/{created.Id}");
        Assert.Equal(("https://hooks.example/new", "analyst@client.example", true), (shown!.WebhookUrl, shown.Delivery!.Email, shown.DeliveryChangedAt is not null));
        await using var session = api.Store.QuerySession();
        var e = Assert.IsType<SubscriptionDeliveryChanged>((await session.Events.FetchStreamAsync(created.Id))[^1].Data);
        Assert.Equal((tenantId, "https://hooks.example/new", 1, "analyst@client.example"), (e.TenantId, e.WebhookUrl, e.SecretVersion, e.Delivery!.Email));
        Assert.Equal((1, secret), await api.StoredSecretsAsync(created.Id) is { } stored ? (stored.Version, stored.Secrets.WebhookSecret) : default);
    }

    [Fact]
    public async Task A_webhook_added_later_gets_a_signing_secret_shown_once_and_PUT_replaces_all_settings()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var (created, _) = await CreateAsync(client, new { name = "S", query = "NATO", email = "analyst@client.example", immediate = false,
            digest = new { frequency = "daily", time = "08:00", timeZone = "UTC" } });

        var added = await client.PatchAsJsonAsync($"/api/subscriptions/{created.Id}/delivery", new { webhookUrl = "https://hooks.example/a" });
        var secret = JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement.GetProperty("webhookSecret").GetString();
        var replaced = await client.PutAsJsonAsync($"/api/subscriptions/{created.Id}/delivery", new { webhookUrl = "https://hooks.example/a" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (added.StatusCode, replaced.StatusCode));
        Assert.StartsWith(WebhookSecrets.Prefix, secret, StringComparison.Ordinal);
        var shown = (await replaced.Content.ReadFromJsonAsync<ApiSubscription>())!;
        Assert.Equal(("https://hooks.example/a", null), (shown.WebhookUrl, shown.Delivery));
        await using var session = api.Store.QuerySession();
        var changes = (await session.Events.FetchStreamAsync(created.Id)).Select(e => e.Data).OfType<SubscriptionDeliveryChanged>().ToList();
        Assert.Equal([1, 1], changes.Select(c => c.SecretVersion));
        Assert.Equal((1, secret), await api.StoredSecretsAsync(created.Id) is { } stored ? (stored.Version, stored.Secrets.WebhookSecret) : default);
        Assert.Null(changes[^1].Delivery);
    }

    [Theory]
    [InlineData("""{"webhookUrl":"ftp://hooks.example/"}""", "webhookUrl must be an absolute http:// or https:// URL")]
    [InlineData("""{"digest":{"frequency":"daily","time":"8am","timeZone":"UTC"}}""", "digest.time must be")]
    [InlineData("""{"colour":"red"}""", "unknown field 'colour'")]
    [InlineData("""{"webhookUrl":null,"spike":{}}""", "needs a channel")]
    public async Task A_bad_change_answers_400_with_the_reason_and_records_nothing(string body, string reason)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var (created, _) = await CreateAsync(client, new { name = "S", query = "NATO", webhookUrl = "https://hooks.example/old" });

        var response = await client.PatchAsync(new Uri($"/api/subscriptions/{created.Id}/delivery", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var session = api.Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(created.Id));
    }

    [Fact]
    public async Task Another_tenants_subscription_answers_404_and_stays_unchanged()
    {
        var (_, owner, _) = await api.NewTenantAsync("Owner");
        var (_, other, _) = await api.NewTenantAsync("Other");
        var (created, _) = await CreateAsync(owner, new { name = "S", query = "NATO", webhookUrl = "https://hooks.example/old" });

        var patch = await other.PatchAsJsonAsync($"/api/subscriptions/{created.Id}/delivery", new { webhookUrl = "https://attacker.example/" });
        var put = await other.PutAsJsonAsync($"/api/subscriptions/{created.Id}/delivery", new { webhookUrl = "https://attacker.example/" });
        var missing = await owner.PatchAsJsonAsync($"/api/subscriptions/{Guid.NewGuid()}/delivery", new { webhookUrl = "https://hooks.example/x" });

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { patch.StatusCode, put.StatusCode, missing.StatusCode });
        await using var session = api.Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(created.Id));
    }

    private static async Task<(ApiSubscription Subscription, string? Secret)> CreateAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/subscriptions", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        var secret = JsonDocument.Parse(json).RootElement.TryGetProperty("webhookSecret", out var s) ? s.GetString() : null;
        return (JsonSerializer.Deserialize<ApiSubscription>(json, ApiJson)!, secret);
    }
}
