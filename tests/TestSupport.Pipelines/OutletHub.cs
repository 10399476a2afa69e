using System.Collections.Concurrent;
using System.Text;
using MediaMonitor.Crawler.WebSub;
using Microsoft.AspNetCore.Http;

namespace MediaMonitor.TestSupport;

/// <summary>
/// The WebSub hub of one test outlet, run on the outlet's own site as a publisher's hub is: a (un)subscription request
/// (POST, form-encoded) is accepted with 202 and its intent verified with a GET on the callback carrying a challenge
/// (only an echoed challenge makes a subscriber); <see cref="Distribute"/> then pushes content to every verified
/// subscriber at once, signed with that subscriber's secret (X-Hub-Signature, sha256). The HTTP client may be shared by
/// many outlets' hubs (the owner disposes it).
/// </summary>
public sealed class OutletHub(HttpClient http)
{
    private readonly ConcurrentDictionary<string, string> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Verified subscribers (callback -> secret).</summary>
    public IReadOnlyDictionary<string, string> Subscribers => _subscribers;

    /// <summary>Pushes and verifications that failed (the callback's status or the exception), in order.</summary>
    public ConcurrentQueue<string> FailedPushes { get; } = new();

    /// <summary>The feed's links to its hub and to itself (rel="hub", rel="self"), for a channel in the Atom namespace "atom".</summary>
    public static string FeedLinks(Uri hub, Uri feed) =>
        $"<atom:link rel=\"hub\" href=\"{hub}\"/><atom:link rel=\"self\" type=\"application/rss+xml\" href=\"{feed}\"/>";

    /// <summary>POST /hub: answers 202 at once and verifies the subscriber's intent afterwards, as a hub does.</summary>
    public async Task<IResult> AcceptAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var form = await context.Request.ReadFormAsync();
        var (mode, topic, callback, secret) = (form["hub.mode"].ToString(), form["hub.topic"].ToString(), form["hub.callback"].ToString(), form["hub.secret"].ToString());
        _ = Task.Run(() => VerifyAsync(mode, topic, callback, secret));
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>Pushes a feed document to every verified subscriber (in the background, one request each).</summary>
    public void Distribute(string feed)
    {
        var body = Encoding.UTF8.GetBytes(feed);
        foreach (var (callback, secret) in _subscribers)
        {
            _ = Task.Run(() => PushAsync(callback, secret, body));
        }
    }

    private async Task VerifyAsync(string mode, string topic, string callback, string secret)
    {
        try
        {
            var challenge = Guid.NewGuid().ToString("N");
            var separator = callback.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            using var response = await http.GetAsync($"{callback}{separator}hub.mode={mode}&hub.topic={Uri.EscapeDataString(topic)}&hub.challenge={challenge}&hub.lease_seconds=3600");
            if (!response.IsSuccessStatusCode || await response.Content.ReadAsStringAsync() != challenge)
            {
                return;
            }

            if (mode == "subscribe")
            {
                _subscribers[callback] = secret;
            }
            else
            {
                _subscribers.TryRemove(callback, out _);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            FailedPushes.Enqueue($"{callback}: verification failed: {e.Message}");
        }
    }

    private async Task PushAsync(string callback, string secret, byte[] body)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/rss+xml");
            request.Headers.TryAddWithoutValidation("X-Hub-Signature", HubSignature.Sign("sha256", body, secret));
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                FailedPushes.Enqueue($"{callback}: HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            FailedPushes.Enqueue($"{callback}: {e.Message}");
        }
    }
}
