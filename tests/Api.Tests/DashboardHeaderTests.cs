using System.Text.RegularExpressions;
using MediaMonitor.Api.Dashboard;

namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class DashboardHeaderTests(ApiFixture api)
{
    [Fact]
    public async Task The_dashboard_forbids_framing_and_every_script_or_style_not_served_by_the_Api_itself()
    {
        using var client = api.Client();
        using var response = await client.GetAsync("/");
        response.EnsureSuccessStatusCode();
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("sha256-", policy, StringComparison.Ordinal);
        // No inline code at all: every <script> names a file of the Api, no <style> block, no style= or on...= attribute.
        Assert.Empty(Regex.Matches(page, @"<script(?![^>]*\ssrc=""/dashboard/)[^>]*>", RegexOptions.IgnoreCase));
        Assert.DoesNotMatch(new Regex(@"<style|\sstyle=|\son[a-z]+=", RegexOptions.IgnoreCase), page);
    }

    [Fact]
    public async Task Every_dashboard_file_referenced_by_the_page_and_its_modules_is_served_with_its_type_and_the_same_headers()
    {
        using var client = api.Client();
        var page = await client.GetStringAsync("/");
        var referenced = Regex.Matches(page, @"(?:src|href)=""(/dashboard/[^""]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("/dashboard/js/app.js", referenced);
        Assert.Contains("/dashboard/vendor/uplot/uPlot.min.css", referenced);

        var modules = DashboardAssets.Paths.Where(p => p.EndsWith(".js", StringComparison.Ordinal)).ToList();
        Assert.Contains("vendor/uplot/uPlot.esm.js", modules);
        Assert.Contains("js/pages/coverage.js", modules);
        foreach (var path in referenced.Concat(modules.Select(m => "/dashboard/" + m)).Distinct())
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            var type = response.Content.Headers.ContentType?.MediaType;
            Assert.Equal(path.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript", type);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(DashboardEndpoints.Policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("localStorage", body, StringComparison.Ordinal);
            Assert.DoesNotContain(".innerHTML", body.Replace("vendor/uplot", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_vendored_chart_library_keeps_its_licence_and_the_page_keeps_the_key_in_sessionStorage()
    {
        using var client = api.Client();
        Assert.Contains("MIT License", await client.GetStringAsync("/dashboard/vendor/uplot/LICENSE"), StringComparison.Ordinal);
        Assert.Contains("sessionStorage", await client.GetStringAsync("/dashboard/js/api.js"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/nope.js")]
    [InlineData("/dashboard/../appsettings.json")]
    [InlineData("/dashboard/%2e%2e/%2e%2e/MediaMonitor.Api.dll")]
    [InlineData("/dashboard/README.md")]
    public async Task Anything_but_an_embedded_dashboard_file_is_404(string path)
    {
        using var client = api.Client();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_unchanged_file_answers_304_to_its_ETag()
    {
        using var client = api.Client();
        using var first = await client.GetAsync("/dashboard/js/app.js");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard/js/app.js");
        again.Headers.IfNoneMatch.Add(etag);
        using var response = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }
}
