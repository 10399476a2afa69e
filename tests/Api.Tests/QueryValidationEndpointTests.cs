namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class QueryValidationEndpointTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_valid_query_answers_200_with_its_canonical_form()
    {
        var (_, client, _) = await fixture.NewTenantAsync();
        var response = await client.PostAsJsonAsync("/api/queries/validate", new { query = "NATO center Kazakhstan" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("valid").GetBoolean());
        Assert.Contains("kazakhstan", body.GetProperty("canonical").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_broken_query_answers_400_with_the_position_of_the_error()
    {
        var (_, client, _) = await fixture.NewTenantAsync();
        var response = await client.PostAsJsonAsync("/api/queries/validate", new { query = "NATO AND (Kazakhstan" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("position").GetInt32() > 0);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Validation_needs_an_api_key()
    {
        using var anonymous = fixture.Client();
        var response = await anonymous.PostAsJsonAsync("/api/queries/validate", new { query = "NATO" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
