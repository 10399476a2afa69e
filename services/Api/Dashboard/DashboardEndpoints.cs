namespace MediaMonitor.Api.Dashboard;

/// <summary>GET / (the dashboard's page) and GET /dashboard/{path} (its modules, styles and the vendored chart library); no key needed to load them.</summary>
public static class DashboardEndpoints
{
    /// <summary>
    /// Scripts, styles and connections only from this origin (the page has no inline script or style), no framing
    /// (clickjacking), no plugins, no base or form redirection: a page holding an API key runs nothing injected.
    /// </summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Serve(http, "index.html")).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/dashboard/{**path}", (string? path, HttpContext http) => Serve(http, path)).ExcludeFromDescription().AllowAnonymous();
    }

    private static IResult Serve(HttpContext http, string? path)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (DashboardAssets.Find(path) is not { } asset)
        {
            return Results.NotFound();
        }

        // Revalidated on every load (a new Api version serves new files at once), 304 when unchanged.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Contains(asset.ETag, StringComparison.Ordinal)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
