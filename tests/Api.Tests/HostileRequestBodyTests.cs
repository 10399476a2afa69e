namespace MediaMonitor.Api.Tests;

/// <summary>Malformed, mistyped, deeply nested and oversized JSON on the endpoints that take a query: 400 or 413 with a reason, never 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostileRequestBodyTests(ApiFixture api)
{
    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "/api/subscriptions", "{" },
        { "/api/subscriptions", "not json at all" },
        { "/api/subscriptions", "[1, 2, 3]" },
        { "/api/subscriptions", """{"name": 5, "query": "NATO"}""" },
        { "/api/subscriptions", """{"name": "x", "query": ["NATO"]}""" },
        { "/api/subscriptions", """{"name": "x", "query": "NATO", "immediate": "yes"}""" },
        { "/api/subscriptions", """{"name": "x", "query": "NATO", "email": "a@b.example", "digest": "daily"}""" },
        { "/api/subscriptions", """{"name": "x", "query": "NATO", "spike": {"sigmas": "lots"}}""" },
        { "/api/subscriptions", """{"name": "x", "query": "NATO\uD800"}""" },
        { "/api/subscriptions", "{\"name\": \"x\", \"query\": \"NATO\"" + new string(' ', 10) },
        { "/api/subscriptions", new string('[', 600) + new string(']', 600) },
        { "/api/queries/validate", "{" },
        { "/api/queries/validate", """{"query": 42}""" },
        { "/api/queries/validate", """{"query": {"and": ["a", "b"]}}""" },
        { "/api/queries/validate", "\"NATO\"" },
        { "/api/queries/validate", "{\"query\": " + new string('[', 600) + new string(']', 600) + "}" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_or_mistyped_JSON_answers_400_with_a_problem_and_never_500(string path, string body)
    {
        var (_, client, _) = await api.NewTenantAsync();

        var response = await client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("/api/subscriptions")]
    [InlineData("/api/queries/validate")]
    public async Task A_body_over_the_configured_limit_answers_413(string path)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var huge = "{\"name\":\"x\",\"query\":\"" + string.Join(' ', Enumerable.Repeat("NATO", 5000)) + "\"}";

        var response = await client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_query_over_the_parser_limit_within_the_body_limit_answers_400_with_the_position()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var body = JsonSerializer.Serialize(new { query = string.Join(' ', Enumerable.Repeat("NATO", 801)) });

        var response = await client.PostAsync(new Uri("/api/queries/validate", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("longer than 4000 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_content_type_answers_415_or_400_and_never_500()
    {
        var (_, client, _) = await api.NewTenantAsync();

        var response = await client.PostAsync(new Uri("/api/subscriptions", UriKind.Relative), new StringContent("name=x&query=NATO", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.UnsupportedMediaType, HttpStatusCode.BadRequest });
    }

    [Theory]
    [InlineData("webhookUrl", "http://10.0.0.5/hook", "10.0.0.5 is a private address")]
    [InlineData("webhookUrl", "http://169.254.169.254/latest/meta-data", "the cloud metadata address")]
    [InlineData("webhookUrl", "http://[::1]:8080/hook", "::1 is a loopback address")]
    [InlineData("webhookUrl", "http://127.0.0.2/hook", "127.0.0.2 is a loopback address")]
    [InlineData("webhookUrl", "http://2130706434/hook", "127.0.0.2 is a loopback address")]
    [InlineData("slackUrl", "https://192.168.1.1/services/T/B/x", "192.168.1.1 is a private address")]
    public async Task A_webhook_or_Slack_URL_on_an_internal_address_answers_400_and_saves_nothing(string field, string url, string reason)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = "x", ["query"] = "NATO", [field] = url });

        var response = await client.PostAsync(new Uri("/api/subscriptions", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await response.Content.ReadAsStringAsync();
        Assert.Contains($"{field} must point at a public address", detail, StringComparison.Ordinal);
        Assert.Contains(reason, detail, StringComparison.Ordinal);
        Assert.Equal("[]", await client.GetStringAsync(new Uri("/api/subscriptions", UriKind.Relative)));
    }
}
