using System.Reflection;

namespace MediaMonitor.Api.Dashboard;

/// <summary>GET /: the first dashboard, one static page that talks to the /api endpoints with the key the user enters.</summary>
public static class DashboardEndpoints
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MediaMonitor.Api.Dashboard.index.html")
            ?? throw new InvalidOperationException("the dashboard page is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static void MapDashboard(this IEndpointRouteBuilder app) =>
        app.MapGet("/", () => Results.Content(Page.Value, "text/html; charset=utf-8")).ExcludeFromDescription().AllowAnonymous();
}
