using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MediaMonitor.TestSupport;

/// <summary>One webhook POST as received: its body, the W3C trace context and idempotency key it carried, and when it arrived.</summary>
public sealed record ReceivedWebhook(string Body, string? TraceParent, string? Timestamp, string? Signature, string? IdempotencyKey, DateTimeOffset ReceivedAt);

/// <summary>A subscriber's webhook endpoint on 127.0.0.1 that records every POST it receives.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackSite _site;

    private readonly string _path;

    private WebhookReceiver(LoopbackSite site, ConcurrentQueue<ReceivedWebhook> posts, string path)
    {
        _site = site;
        Posts = posts;
        _path = path;
    }

    public Uri Url => new(_site.BaseAddress, _path);

    public ConcurrentQueue<ReceivedWebhook> Posts { get; }

    /// <summary>Listens for POSTs on <paramref name="path"/> (a path may carry a token, as a Slack webhook's does).</summary>
    public static async Task<WebhookReceiver> StartAsync(string path = "/hook")
    {
        var posts = new ConcurrentQueue<ReceivedWebhook>();
        var site = await LoopbackSite.StartAsync((app, _) => app.MapPost(path, async (HttpRequest request) =>
        {
            var receivedAt = DateTimeOffset.UtcNow;
            using var reader = new StreamReader(request.Body);
            posts.Enqueue(new ReceivedWebhook(
                await reader.ReadToEndAsync(),
                request.Headers["traceparent"].FirstOrDefault(),
                request.Headers["X-MediaMonitor-Timestamp"].FirstOrDefault(),
                request.Headers["X-MediaMonitor-Signature"].FirstOrDefault(),
                request.Headers["Idempotency-Key"].FirstOrDefault(),
                receivedAt));
            return Results.Ok();
        }));
        return new WebhookReceiver(site, posts, path);
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}
