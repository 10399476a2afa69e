using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class DashboardHeaderTests(ApiFixture api)
{
    [Fact]
    public async Task The_dashboard_forbids_framing_and_foreign_scripts_allows_its_own_inline_script_and_keeps_no_key_in_localStorage()
    {
        using var client = api.Client();
        using var response = await client.GetAsync("/");
        response.EnsureSuccessStatusCode();
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", policy, StringComparison.Ordinal);
        foreach (Match script in Regex.Matches(page, "<script>(.*?)</script>", RegexOptions.Singleline))
        {
            var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script.Groups[1].Value)));
            Assert.Contains($"'sha256-{hash}'", policy, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("localStorage", page, StringComparison.Ordinal);
    }
}
