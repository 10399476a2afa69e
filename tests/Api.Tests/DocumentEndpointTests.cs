namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class DocumentEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task OpenAPI_document_lists_the_api_paths_and_the_bearer_scheme()
    {
        using var client = api.Client();
        var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/subscriptions", paths);
        Assert.Contains("/api/subscriptions/{id}/alerts", paths);
        Assert.Contains("/api/articles/{id}", paths);
        Assert.Contains("/api/coverage", paths);
        Assert.Contains("/api/sources", paths);
        Assert.Contains("/api/tenants", paths);
        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Dashboard_page_is_served_at_the_root_without_a_key()
    {
        using var client = api.Client();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/dashboard/js/app.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("API key", await client.GetStringAsync(new Uri("/dashboard/js/pages/sign-in.js", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("/api/subscriptions", await client.GetStringAsync(new Uri("/dashboard/js/pages/subscriptions.js", UriKind.Relative)), StringComparison.Ordinal);
    }
}
