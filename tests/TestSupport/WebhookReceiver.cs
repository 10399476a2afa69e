using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MediaMonitor.TestSupport;

/// <summary>One webhook POST as received: its headers (case-insensitive), body, whether it was refused, and when it arrived.</summary>
public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, string Body, bool Refused, DateTimeOffset ReceivedAt)
{
    /// <summary>The W3C trace context the delivery carried.</summary>
    public string? TraceParent => Headers.GetValueOrDefault("traceparent");

    public string? Timestamp => Headers.GetValueOrDefault("X-MediaMonitor-Timestamp");

    public string? Signature => Headers.GetValueOrDefault("X-MediaMonitor-Signature");

    public string? IdempotencyKey => Headers.GetValueOrDefault("Idempotency-Key");
}

/// <summary>
/// A subscriber's webhook endpoint on 127.0.0.1 (a <see cref="LoopbackSite"/>) that records every POST; it can refuse the
/// first few with 503 and answer slowly.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly TimeSpan _delay;
    private LoopbackSite? _site;
    private int _refusalsLeft;

    private WebhookReceiver(int refusals, TimeSpan delay)
    {
        _refusalsLeft = refusals;
        _delay = delay;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request, accepted or refused, in arrival order.</summary>
    public ConcurrentQueue<ReceivedWebhook> Posts { get; } = new();

    /// <summary>Accepted posts by idempotency key: what a receiver that deduplicates would have processed.</summary>
    public ConcurrentDictionary<string, string> Accepted { get; } = new();

    /// <param name="path">Where it listens (a path may carry a token, as a Slack webhook's does).</param>
    /// <param name="refuseFirst">How many requests are answered 503 before the receiver accepts.</param>
    /// <param name="delay">How long each answer takes (a slow receiver keeps a delivery attempt in flight).</param>
    public static async Task<WebhookReceiver> StartAsync(string path = "/hook", int refuseFirst = 0, TimeSpan delay = default)
    {
        var receiver = new WebhookReceiver(refuseFirst, delay);
        receiver._site = await LoopbackSite.StartAsync((app, _) => app.MapPost(path, (Delegate)receiver.ReceiveAsync));
        receiver.Url = new Uri(receiver._site.BaseAddress, path);
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var refused = Interlocked.Decrement(ref _refusalsLeft) >= 0;
        Posts.Enqueue(new ReceivedWebhook(headers, body, refused, receivedAt));
        if (_delay > TimeSpan.Zero)
        {
            await Task.Delay(_delay);
        }

        if (refused)
        {
            return Results.StatusCode(503);
        }

        Accepted.TryAdd(headers.GetValueOrDefault("Idempotency-Key") ?? "(none)", body);
        return Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }
}
