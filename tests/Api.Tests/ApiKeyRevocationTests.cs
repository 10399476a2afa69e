namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ApiKeyRevocationTests(ApiFixture api)
{
    private static readonly Uri Sources = new("/api/sources", UriKind.Relative);

    [Fact]
    public async Task A_key_revoked_by_the_admin_answers_401_while_the_tenants_other_key_still_works_and_revoking_twice_changes_nothing()
    {
        var (tenantId, first, _) = await api.NewTenantAsync();
        using var admin = api.Client(ApiFixture.AdminKey);
        var second = (await (await admin.PostAsync(new Uri($"/api/tenants/{tenantId}/keys", UriKind.Relative), null))
            .Content.ReadFromJsonAsync<IssuedKeyResponse>())!;
        using var secondClient = api.Client(second.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(Sources)).StatusCode);

        var firstKeyId = (await admin.GetFromJsonAsync<List<ApiKeyView>>($"/api/tenants/{tenantId}/keys"))!.Single(k => k.KeyId != second.KeyId).KeyId;
        var revoke = await admin.DeleteAsync(new Uri($"/api/tenants/{tenantId}/keys/{firstKeyId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var revoked = (await revoke.Content.ReadFromJsonAsync<ApiKeyView>())!;
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal("admin", revoked.RevokedBy);

        var refused = await first.GetAsync(Sources);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync(Sources)).StatusCode);

        var again = await admin.DeleteAsync(new Uri($"/api/tenants/{tenantId}/keys/{firstKeyId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(revoked.RevokedAt, (await again.Content.ReadFromJsonAsync<ApiKeyView>())!.RevokedAt);
        await using var session = api.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(TenantIds.StreamFor(tenantId));
        Assert.Single(stream, e => e.Data is MediaMonitor.Contracts.Api.ApiKeyRevoked);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync(Sources)).StatusCode);
    }

    [Fact]
    public async Task A_tenant_replaces_its_key_itself_and_the_listing_never_shows_a_key_or_its_hash()
    {
        var (_, oldClient, oldKey) = await api.NewTenantAsync();
        var issued = await oldClient.PostAsync(new Uri("/api/keys", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var fresh = (await issued.Content.ReadFromJsonAsync<IssuedKeyResponse>())!;
        using var newClient = api.Client(fresh.ApiKey);

        var listing = await newClient.GetStringAsync(new Uri("/api/keys", UriKind.Relative));
        Assert.DoesNotContain(oldKey, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh.ApiKey, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(Security.ApiKeys.Hash(oldKey), listing, StringComparison.Ordinal);
        var keys = System.Text.Json.JsonSerializer.Deserialize<List<ApiKeyView>>(listing, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal(2, keys.Count);
        Assert.Equal(fresh.KeyId, Assert.Single(keys, k => k.Current).KeyId);
        var oldKeyId = keys.Single(k => !k.Current).KeyId;

        var self = await newClient.DeleteAsync(new Uri($"/api/keys/{fresh.KeyId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);

        var revoke = await newClient.DeleteAsync(new Uri($"/api/keys/{oldKeyId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(fresh.KeyId, (await revoke.Content.ReadFromJsonAsync<ApiKeyView>())!.RevokedBy);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldClient.GetAsync(Sources)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newClient.GetAsync(Sources)).StatusCode);
        var after = (await newClient.GetFromJsonAsync<List<ApiKeyView>>("/api/keys"))!;
        Assert.NotNull(after.Single(k => k.KeyId == oldKeyId).RevokedAt);
    }

    [Fact]
    public async Task Another_tenants_key_id_answers_404_and_stays_valid()
    {
        var (tenantA, clientA, _) = await api.NewTenantAsync();
        var (tenantB, clientB, _) = await api.NewTenantAsync();
        using var admin = api.Client(ApiFixture.AdminKey);
        var keyOfB = (await admin.GetFromJsonAsync<List<ApiKeyView>>($"/api/tenants/{tenantB}/keys"))!.Single().KeyId;

        Assert.Equal(HttpStatusCode.NotFound, (await clientA.DeleteAsync(new Uri($"/api/keys/{keyOfB}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync(new Uri($"/api/tenants/{tenantA}/keys/{keyOfB}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/api/tenants/no-such-tenant/keys", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clientA.GetAsync(new Uri($"/api/tenants/{tenantB}/keys", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetAsync(Sources)).StatusCode);
    }
}
