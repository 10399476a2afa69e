namespace MediaMonitor.Api.Tests;

/// <summary>POST /api/keys (and the admin's POST /api/tenants/{id}/keys) read their body: a label and an expiry, validated.</summary>
[Collection(ApiCollection.Name)]
public sealed class KeyRequestBodyTests(ApiFixture api)
{
    [Fact]
    public async Task A_label_and_an_expiry_are_stored_returned_and_listed()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        var expires = DateTimeOffset.UtcNow.AddDays(30);

        var response = await client.PostAsJsonAsync("/api/keys", new { label = "  nightly ingest job ", expiresAt = expires });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = (await response.Content.ReadFromJsonAsync<IssuedKeyResponse>())!;
        Assert.Equal("nightly ingest job", issued.Label);
        Assert.Equal(expires, issued.ExpiresAt);

        using var admin = api.Client(ApiFixture.AdminKey);
        var byAdmin = await admin.PostAsJsonAsync($"/api/tenants/{tenantId}/keys", new { label = "from the operator" });
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);

        var listed = (await client.GetFromJsonAsync<List<ApiKeyView>>("/api/keys"))!;
        var own = Assert.Single(listed, k => k.KeyId == issued.KeyId);
        Assert.Equal("nightly ingest job", own.Label);
        Assert.Equal(expires, own.ExpiresAt);
        Assert.Contains(listed, k => k.Label == "from the operator" && k.ExpiresAt is null);
        Assert.Equal(listed, (await admin.GetFromJsonAsync<List<ApiKeyView>>($"/api/tenants/{tenantId}/keys"))!.Select(k => k with { Current = k.KeyId == listed.Single(c => c.Current).KeyId }));
    }

    [Fact]
    public async Task No_body_still_issues_a_key_without_label_or_expiry()
    {
        var (_, client, _) = await api.NewTenantAsync();

        var response = await client.PostAsync(new Uri("/api/keys", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = (await response.Content.ReadFromJsonAsync<IssuedKeyResponse>())!;
        Assert.Null(issued.Label);
        Assert.Null(issued.ExpiresAt);
    }

    [Theory]
    [InlineData("""{"label": 5}""", "label")]
    [InlineData("""{"lable": "typo"}""", "lable")]
    [InlineData("""{"label": "x", "expiresIn": "30d"}""", "expiresIn")]
    [InlineData("""{"label": "x",""", "")]
    [InlineData("""not json""", "")]
    [InlineData("""["label"]""", "")]
    [InlineData("""{"expiresAt": "tomorrow"}""", "")]
    [InlineData("""{"expiresAt": "2020-01-01T00:00:00Z"}""", "expiresAt must be in the future")]
    [InlineData("""{"expiresAt": "2999-01-01T00:00:00Z"}""", "expiresAt must be within")]
    [InlineData("""{"label": "tab\tinside"}""", "control characters")]
    [InlineData("""{"label": "bell\u0007inside"}""", "control characters")]
    [InlineData("""{"label": "nul\u0000inside"}""", "U+0000")]
    public async Task A_bad_body_answers_400_and_issues_nothing(string body, string inDetail)
    {
        var (_, client, _) = await api.NewTenantAsync();

        var response = await client.PostAsync(new Uri("/api/keys", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        var detail = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {detail}");
        Assert.Contains(inDetail, detail, StringComparison.Ordinal);
        Assert.Single((await client.GetFromJsonAsync<List<ApiKeyView>>("/api/keys"))!);
    }

    [Fact]
    public async Task A_label_over_the_limit_answers_400()
    {
        var (_, client, _) = await api.NewTenantAsync();

        var response = await client.PostAsJsonAsync("/api/keys", new { label = new string('k', IssueKeyRequest.MaxLabelLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 100 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_key_answers_401_saying_it_expired()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var response = await client.PostAsJsonAsync("/api/keys", new { expiresAt = DateTimeOffset.UtcNow.AddSeconds(2) });
        var issued = (await response.Content.ReadFromJsonAsync<IssuedKeyResponse>())!;
        using var shortLived = api.Client(issued.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await shortLived.GetAsync(new Uri("/api/keys", UriKind.Relative))).StatusCode);

        var wait = issued.ExpiresAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var expired = await shortLived.GetAsync(new Uri("/api/keys", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
