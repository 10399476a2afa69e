namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class WebhookSecretRotationTests(ApiFixture api)
{
    [Fact]
    public async Task Rotating_returns_a_new_secret_once_stores_it_sealed_and_records_its_version_as_an_event()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        var created = await client.PostAsJsonAsync("/api/subscriptions", new { name = "S", query = "NATO", webhookUrl = "http://127.0.0.1:9/hook" });
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetGuid();
        var first = body.RootElement.GetProperty("webhookSecret").GetString()!;

        var response = await client.PostAsync(new Uri($"/api/subscriptions/{id}/webhook-secret", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rotated = (await response.Content.ReadFromJsonAsync<RotatedWebhookSecret>())!;
        Assert.StartsWith(WebhookSecrets.Prefix, rotated.WebhookSecret, StringComparison.Ordinal);
        Assert.NotEqual(first, rotated.WebhookSecret);

        await using var session = api.Store.QuerySession();
        var e = Assert.IsType<WebhookSecretRotated>((await session.Events.FetchStreamAsync(id))[^1].Data);
        Assert.Equal((id, tenantId, 2), (e.SubscriptionId, e.TenantId, e.SecretVersion));
        Assert.Equal((2, rotated.WebhookSecret), await api.StoredSecretsAsync(id) is { } stored ? (stored.Version, stored.Secrets.WebhookSecret) : default);
        Assert.DoesNotContain(rotated.WebhookSecret, await client.GetStringAsync(new Uri($"/api/subscriptions/{id}", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_subscription_answers_404_and_one_without_a_webhook_409()
    {
        var (_, owner, _) = await api.NewTenantAsync();
        var (_, other, _) = await api.NewTenantAsync();
        var hooked = (await (await owner.PostAsJsonAsync("/api/subscriptions", new { name = "S", query = "NATO", webhookUrl = "http://127.0.0.1:9/hook" }))
            .Content.ReadFromJsonAsync<ApiSubscription>())!;
        var plain = (await (await owner.PostAsJsonAsync("/api/subscriptions", new { name = "S", query = "NATO", email = "analyst@example.org" }))
            .Content.ReadFromJsonAsync<ApiSubscription>())!;

        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(new Uri($"/api/subscriptions/{hooked.Id}/webhook-secret", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.PostAsync(new Uri($"/api/subscriptions/{plain.Id}/webhook-secret", UriKind.Relative), null)).StatusCode);
        await using var session = api.Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(hooked.Id));
    }
}
