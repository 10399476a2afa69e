namespace MediaMonitor.Crawler.Tests.Fixtures;

/// <summary>What the Crawler tests' fixture sites (TestSupport's LoopbackSite) need on top: absolute URLs and HTML answers.</summary>
internal static class SiteResponses
{
    public static string Url(this LoopbackSite site, string path) => new Uri(site.BaseAddress, path).AbsoluteUri;

    public static Task Html(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html);
    }
}
