using System.Collections.Concurrent;

namespace MediaMonitor.Crawler.Tests.Fixtures;

/// <summary>
/// A publisher and a WebSub hub on one 127.0.0.1 site: /feed.xml advertises the hub (atom:link rel="hub" and rel="self")
/// and lists <see cref="Items"/>; /news/{slug} serves an article; POST /hub accepts a (un)subscription with 202, then
/// verifies intent with a GET on the callback (granting <see cref="GrantedLeaseSeconds"/>), as a real hub does. The test
/// pushes content itself through <see cref="PushAsync"/>, signed with the secret the subscriber sent.
/// </summary>
internal sealed class TestHub : IAsyncDisposable
{
    private readonly LoopbackSite _site;
    private readonly HttpClient _http = new();

    private TestHub(LoopbackSite site) => _site = site;

    /// <summary>The items /feed.xml lists (paths under the site, titles).</summary>
    public ConcurrentQueue<(string Path, string Title)> Items { get; } = new();

    public int GrantedLeaseSeconds { get; set; } = 3600;

    /// <summary>When set, the hub accepts requests but then denies them (a GET with hub.mode=denied) instead of verifying.</summary>
    public bool Deny { get; set; }

    /// <summary>When set, the hub answers every request with HTTP 500 (a hub that fails).</summary>
    public bool Refuse { get; set; }

    /// <summary>How long an article page takes to answer (zero: at once).</summary>
    public TimeSpan PageDelay { get; set; }

    /// <summary>Every article page served: its slug, when the request arrived and when the answer was written.</summary>
    public ConcurrentQueue<PageRequest> PageRequests { get; } = new();

    /// <summary>Every request the hub received, in order.</summary>
    public ConcurrentQueue<HubRequest> Requests { get; } = new();

    /// <summary>Every verification the hub made: mode, the callback's status and whether it echoed the challenge.</summary>
    public ConcurrentQueue<HubVerification> Verifications { get; } = new();

    public Uri BaseAddress => _site.BaseAddress;

    public string FeedUrl => _site.Url("/feed.xml");

    public string HubUrl => _site.Url("/hub");

    public static async Task<TestHub> StartAsync()
    {
        TestHub? hub = null;
        var site = await LoopbackSite.StartAsync((app, baseAddress) =>
        {
            app.MapGet("/feed.xml", (HttpContext c) =>
            {
                c.Response.ContentType = "application/rss+xml";
                return c.Response.WriteAsync(hub!.Feed([.. hub.Items]));
            });
            app.MapGet("/news/{slug}", async (string slug, HttpContext c) =>
            {
                var started = DateTimeOffset.UtcNow;
                await Task.Delay(hub!.PageDelay);
                await SiteResponses.Html(c, FixturePages.Article("Story " + slug));
                hub.PageRequests.Enqueue(new PageRequest(slug, started, DateTimeOffset.UtcNow));
            });
            app.MapPost("/hub", async (HttpContext c) =>
            {
                if (hub!.Refuse)
                {
                    return Results.StatusCode(StatusCodes.Status500InternalServerError);
                }

                var form = await c.Request.ReadFormAsync();
                var request = new HubRequest(form["hub.mode"].ToString(), form["hub.topic"].ToString(), form["hub.callback"].ToString(),
                    form["hub.secret"].ToString(), form["hub.lease_seconds"].ToString(), DateTimeOffset.UtcNow);
                hub.Requests.Enqueue(request);
                _ = Task.Run(() => hub.VerifyAsync(request));
                return Results.StatusCode(StatusCodes.Status202Accepted);
            });
        });
        hub = new TestHub(site);
        return hub;
    }

    public string Feed(IReadOnlyCollection<(string Path, string Title)> items)
    {
        var baseUrl = _site.BaseAddress.AbsoluteUri.TrimEnd('/');
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
              <channel>
                <title>Harbour Gazette</title>
                <link>{baseUrl}/</link>
                <atom:link rel="hub" href="{HubUrl}"/>
                <atom:link rel="self" type="application/rss+xml" href="{FeedUrl}"/>
                {string.Concat(items.Select(i => $"<item><title>{i.Title}</title><link>{baseUrl}{i.Path}</link><guid>{baseUrl}{i.Path}</guid></item>"))}
              </channel>
            </rss>
            """;
    }

    /// <summary>Distributes a feed document to a callback as the hub would, signed with <paramref name="secret"/> (sha256).</summary>
    public async Task<HttpResponseMessage> PushAsync(string callback, string body, string? secret, string method = "sha256")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/rss+xml");
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Hub-Signature", HubSignature.Sign(method, bytes, secret));
        }

        return await _http.SendAsync(request);
    }

    /// <summary>A verification GET the test sends itself (e.g. for a topic nobody subscribed to).</summary>
    public async Task<(int Status, string Body)> VerifyAsync(string callback, string mode, string topic, string challenge, int leaseSeconds)
    {
        var url = $"{callback}?hub.mode={mode}&hub.topic={Uri.EscapeDataString(topic)}&hub.challenge={challenge}&hub.lease_seconds={leaseSeconds}";
        using var response = await _http.GetAsync(url);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task VerifyAsync(HubRequest request)
    {
        if (Deny)
        {
            using var denial = await _http.GetAsync($"{request.Callback}?hub.mode=denied&hub.topic={Uri.EscapeDataString(request.Topic)}&hub.reason=not+allowed+here");
            Verifications.Enqueue(new HubVerification("denied", request.Topic, (int)denial.StatusCode, false, DateTimeOffset.UtcNow));
            return;
        }

        var challenge = Guid.NewGuid().ToString("N");
        var (status, body) = await VerifyAsync(request.Callback, request.Mode, request.Topic, challenge, GrantedLeaseSeconds);
        Verifications.Enqueue(new HubVerification(request.Mode, request.Topic, status, body == challenge, DateTimeOffset.UtcNow));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _site.DisposeAsync();
    }
}

internal sealed record HubRequest(string Mode, string Topic, string Callback, string Secret, string LeaseSeconds, DateTimeOffset At);

internal sealed record HubVerification(string Mode, string Topic, int Status, bool EchoedChallenge, DateTimeOffset At);

internal sealed record PageRequest(string Slug, DateTimeOffset Started, DateTimeOffset Answered);
