using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MediaMonitor.Api.Dashboard;

/// <summary>GET /: the first dashboard, one static page that talks to the /api endpoints with the key the user enters.</summary>
public static partial class DashboardEndpoints
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MediaMonitor.Api.Dashboard.index.html")
            ?? throw new InvalidOperationException("the dashboard page is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// Scripts and styles only from this origin or the page's own inline blocks (by hash), no framing (clickjacking),
    /// no plugins, no base or form redirection: a page holding an API key runs nothing injected.
    /// </summary>
    private static readonly Lazy<string> Policy = new(() =>
        $"default-src 'self'; script-src 'self' {Hashes(ScriptBlock(), Page.Value)}; style-src 'self' {Hashes(StyleBlock(), Page.Value)}; "
        + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");

    public static void MapDashboard(this IEndpointRouteBuilder app) =>
        app.MapGet("/", (HttpContext http) =>
        {
            http.Response.Headers.ContentSecurityPolicy = Policy.Value;
            http.Response.Headers.XFrameOptions = "DENY";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            return Results.Content(Page.Value, "text/html; charset=utf-8");
        }).ExcludeFromDescription().AllowAnonymous();

    private static string Hashes(Regex block, string page) =>
        string.Join(' ', block.Matches(page).Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'"));

    [GeneratedRegex(@"<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptBlock();

    [GeneratedRegex(@"<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();
}
