using MediaMonitor.Api.Security;

namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class TenantAndKeyTests(ApiFixture api)
{
    [Fact]
    public async Task Admin_key_creates_a_tenant_whose_key_then_works_on_the_api()
    {
        using var admin = api.Client(ApiFixture.AdminKey);
        var response = await admin.PostAsJsonAsync("/api/tenants", new { name = "Acme Media Watch " + Guid.NewGuid().ToString("N")[..6] });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = (await response.Content.ReadFromJsonAsync<IssuedKeyResponse>())!;
        Assert.StartsWith("acme-media-watch-", issued.TenantId, StringComparison.Ordinal);
        Assert.StartsWith(ApiKeys.Prefix, issued.ApiKey, StringComparison.Ordinal);

        using var tenant = api.Client(issued.ApiKey);
        var list = await tenant.GetAsync(new Uri("/api/subscriptions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task Only_the_SHA256_hash_of_an_issued_key_is_stored_in_the_events()
    {
        var (tenantId, _, key) = await api.NewTenantAsync();
        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(TenantIds.StreamFor(tenantId));

        Assert.IsType<TenantCreated>(events[0].Data);
        var issued = Assert.IsType<ApiKeyIssued>(events[1].Data);
        Assert.Equal(ApiKeys.Hash(key), issued.KeyHash);
        Assert.Equal(64, issued.KeyHash.Length);
        Assert.DoesNotContain(events, e => System.Text.Json.JsonSerializer.Serialize(e.Data, e.EventType).Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_without_a_key_or_with_an_unknown_key_are_rejected_with_401_and_a_reason()
    {
        using var anonymous = api.Client();
        var none = await anonymous.GetAsync(new Uri("/api/sources", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("Bearer", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var wrong = api.Client("mm_not-a-real-key");
        var unknown = await wrong.GetAsync(new Uri("/api/sources", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("unknown API key", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_key_cannot_create_tenants_and_the_admin_key_cannot_read_tenant_data()
    {
        var (_, tenant, _) = await api.NewTenantAsync();
        var create = await tenant.PostAsJsonAsync("/api/tenants", new { name = "Sneaky" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);

        using var admin = api.Client(ApiFixture.AdminKey);
        var read = await admin.GetAsync(new Uri("/api/subscriptions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task Creating_an_existing_tenant_id_answers_409_and_another_key_can_be_issued_to_it()
    {
        var (tenantId, _, firstKey) = await api.NewTenantAsync();
        using var admin = api.Client(ApiFixture.AdminKey);

        var again = await admin.PostAsJsonAsync("/api/tenants", new { name = "Again", tenantId });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var second = await admin.PostAsync(new Uri($"/api/tenants/{tenantId}/keys", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var issued = (await second.Content.ReadFromJsonAsync<IssuedKeyResponse>())!;
        Assert.NotEqual(firstKey, issued.ApiKey);
        using var client = api.Client(issued.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/sources", UriKind.Relative))).StatusCode);

        var missing = await admin.PostAsync(new Uri("/api/tenants/no-such-tenant/keys", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Tenant_with_an_unusable_id_is_rejected_with_a_clear_message()
    {
        using var admin = api.Client(ApiFixture.AdminKey);
        var response = await admin.PostAsJsonAsync("/api/tenants", new { name = "Fine", tenantId = "Not Valid!" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tenantId must be", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
