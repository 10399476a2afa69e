using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.Alerting.Tests;

/// <summary>A real HTTP receiver on 127.0.0.1 that records every POST and can refuse the first few attempts.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _refusalsLeft;

    private WebhookReceiver(WebApplication app, int refusals)
    {
        _app = app;
        _refusalsLeft = refusals;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request, accepted or refused, in arrival order.</summary>
    public ConcurrentQueue<ReceivedPost> Posts { get; } = new();

    /// <summary>Accepted posts by idempotency key: what a receiver that deduplicates would have processed.</summary>
    public ConcurrentDictionary<string, string> Accepted { get; } = new();

    public static async Task<WebhookReceiver> StartAsync(int refuseFirst = 0)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, refuseFirst);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var refused = Interlocked.Decrement(ref receiver._refusalsLeft) >= 0;
            receiver.Posts.Enqueue(new ReceivedPost(headers, body, refused));
            if (refused)
            {
                return Results.StatusCode(503);
            }

            receiver.Accepted.TryAdd(headers.GetValueOrDefault("Idempotency-Key") ?? "(none)", body);
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedPost(IReadOnlyDictionary<string, string> Headers, string Body, bool Refused);
