using System.Collections.Concurrent;
using MediaMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MediaMonitor.Alerting.Tests;

/// <summary>A real HTTP receiver on 127.0.0.1 (a <see cref="LoopbackSite"/>) that records every POST, can refuse the first few and can answer slowly.</summary>
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
    public ConcurrentQueue<ReceivedPost> Posts { get; } = new();

    /// <summary>Accepted posts by idempotency key: what a receiver that deduplicates would have processed.</summary>
    public ConcurrentDictionary<string, string> Accepted { get; } = new();

    /// <param name="refuseFirst">How many requests are answered 503 before the receiver accepts.</param>
    /// <param name="delay">How long each answer takes (a slow receiver keeps a delivery attempt in flight).</param>
    public static async Task<WebhookReceiver> StartAsync(int refuseFirst = 0, TimeSpan delay = default)
    {
        var receiver = new WebhookReceiver(refuseFirst, delay);
        receiver._site = await LoopbackSite.StartAsync((app, _) => app.MapPost("/hook", (Delegate)receiver.ReceiveAsync));
        receiver.Url = new Uri(receiver._site.BaseAddress, "/hook");
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var refused = Interlocked.Decrement(ref _refusalsLeft) >= 0;
        Posts.Enqueue(new ReceivedPost(headers, body, refused));
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

public sealed record ReceivedPost(IReadOnlyDictionary<string, string> Headers, string Body, bool Refused);
