namespace MediaMonitor.Api.Tests;

/// <summary>Every endpoint that takes a query answers a broken one the same way: one wording, one base, the same problem extensions.</summary>
[Collection(ApiCollection.Name)]
public sealed class QueryErrorAnswerTests(ApiFixture api)
{
    // The '(' at 0-based offset 9 is never closed: the 10th character.
    private const string Broken = "NATO AND (Kazakhstan";

    [Fact]
    public async Task Validate_create_change_and_coverage_report_a_query_error_with_the_same_1_based_position_wording_and_extensions()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var created = (await (await client.PostAsJsonAsync("/api/subscriptions", new { name = "S", query = "NATO" })).Content.ReadFromJsonAsync<ApiSubscription>())!;

        var answers = new[]
        {
            await client.PostAsJsonAsync("/api/queries/validate", new { query = Broken }),
            await client.PostAsJsonAsync("/api/subscriptions", new { name = "S", query = Broken }),
            await client.PutAsJsonAsync($"/api/subscriptions/{created.Id}", new { query = Broken }),
            await client.PatchAsJsonAsync($"/api/subscriptions/{created.Id}", new { query = Broken }),
            await client.GetAsync(new Uri("/api/coverage?query=" + Uri.EscapeDataString(Broken), UriKind.Relative)),
        };

        foreach (var response in answers)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Invalid query", body.GetProperty("title").GetString());
            Assert.Equal(10, body.GetProperty("position").GetInt32());
            var message = body.GetProperty("message").GetString()!;
            Assert.Contains("never closed", message, StringComparison.Ordinal);
            Assert.Equal("query at character 10: " + message, body.GetProperty("detail").GetString());
        }
    }
}
