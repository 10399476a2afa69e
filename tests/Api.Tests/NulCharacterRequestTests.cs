using MediaMonitor.Api.Http;

namespace MediaMonitor.Api.Tests;

/// <summary>
/// PostgreSQL refuses U+0000 in text (SQLSTATE 22P05): a NUL in any request's JSON string or query string is refused at
/// the boundary with a 400 naming the field, and nothing reaches the event store (it answered 500 before).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class NulCharacterRequestTests(ApiFixture api)
{
    public static TheoryData<string, string, string, string> Requests => new()
    {
        { "POST", "/api/subscriptions", """{"name":"Watch\u0000","query":"NATO"}""", "$.name" },
        { "POST", "/api/subscriptions", """{"name":"Watch","query":"NATO\u0000 Kazakhstan"}""", "$.query" },
        { "POST", "/api/subscriptions", """{"name":"Watch","query":"NATO","email":"a@b.example","digest":{"frequency":"daily","time":"07:30","timeZone":"Europe/Paris\u0000"}}""", "$.digest.timeZone" },
        { "PUT", "/api/subscriptions/{subscription}", """{"query":"NATO\u0000"}""", "$.query" },
        { "POST", "/api/subscriptions/{subscription}/pause", """{"reason":"holiday\u0000"}""", "$.reason" },
        { "PATCH", "/api/subscriptions/{subscription}/delivery", """{"email":"desk\u0000@b.example"}""", "$.email" },
        { "POST", "/api/keys", """{"label":"laptop\u0000"}""", "$.label" },
        { "POST", "/api/sources", """{"url":"https://news.example/feed\u0000"}""", "$.url" },
        { "POST", "/api/queries/validate", """{"query":"NATO\u0000"}""", "$.query" },
        { "GET", "/api/coverage?query=NATO%00&from=2026-01-01&to=2026-01-02&interval=day", "", "'query'" },
    };

    public static TheoryData<string, string, string> AdminRequests => new()
    {
        { "/api/tenants", """{"name":"Newsroom\u0000","tenantId":"t-nul-tenant"}""", "$.name" },
        { "/api/entities", """{"name":"Acme\u0000 Widgets","type":"ORG"}""", "$.name" },
        { "/api/entities", """{"name":"Acme Widgets","type":"ORG","aliases":["Acme","Widgets\u0000"]}""", "$.aliases[1]" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_NUL_in_a_tenants_request_answers_400_naming_the_field_and_appends_nothing(string method, string path, string body, string field)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var created = await client.PostAsJsonAsync("/api/subscriptions", new { name = "Watch", query = "NATO" });
        created.EnsureSuccessStatusCode();
        var subscription = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{subscription}", subscription.ToString(), StringComparison.Ordinal));
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        await AssertRefusedAsync(() => client.SendAsync(request), field);
    }

    [Theory]
    [MemberData(nameof(AdminRequests))]
    public async Task A_NUL_in_an_admins_request_answers_400_naming_the_field_and_appends_nothing(string path, string body, string field)
    {
        using var admin = api.Client(ApiFixture.AdminKey);

        await AssertRefusedAsync(() => admin.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json")), field);
    }

    [Theory]
    [InlineData("""{"a":"x","b":[1,{"c":"\u0000"}]}""", "$.b[1].c")]
    [InlineData("""["ok","also ok","\u0000"]""", "$[2]")]
    [InlineData("""{"a\u0000":1}""", "$ (a property name)")]
    [InlineData("""{"a":"\\u0000 is six characters, not a NUL"}""", null)]
    [InlineData("""{"a":"\u0000""", null)]
    [InlineData("""{"a":"NATO\uD800","b":"\u0000"}""", null)]
    public void The_guard_names_the_JSON_path_of_the_first_NUL(string json, string? path) =>
        Assert.Equal(path, NulCharacterGuard.NulInJson(Encoding.UTF8.GetBytes(json)));

    private async Task AssertRefusedAsync(Func<Task<HttpResponseMessage>> send, string field)
    {
        var before = await EventCountAsync();

        var response = await send();

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString();
        Assert.Contains(field, detail, StringComparison.Ordinal);
        Assert.Contains("U+0000", detail, StringComparison.Ordinal);
        Assert.Equal(before, await EventCountAsync());
    }

    private async Task<int> EventCountAsync()
    {
        await using var session = api.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
