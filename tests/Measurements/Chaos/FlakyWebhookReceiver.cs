using System.Collections.Concurrent;
using System.Text.Json;
using MediaMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MediaMonitor.Measurements.Chaos;

/// <summary>How the subscribers' webhook endpoint behaves at the moment.</summary>
public enum WebhookMode
{
    Accepting,
    AnsweringServerError,
    DroppingConnections,
}

/// <summary>One webhook POST the receiver accepted (answered 200): the alert it carried and its idempotency key.</summary>
public sealed record AcceptedWebhook(Guid AlertId, Guid SubscriptionId, Guid StoryId, Guid ArticleId, string IdempotencyKey, DateTimeOffset At);

/// <summary>
/// The subscribers' webhook endpoint on 127.0.0.1 for the chaos run. While accepting it records every POST and answers
/// 200; a fault makes it answer 500 or drop the connection without an answer (neither counts as received).
/// </summary>
public sealed class FlakyWebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackSite _site;
    private readonly Mode _mode;

    private FlakyWebhookReceiver(LoopbackSite site, Mode mode, ConcurrentQueue<AcceptedWebhook> accepted)
    {
        _site = site;
        _mode = mode;
        Accepted = accepted;
    }

    public Uri Url => new(_site.BaseAddress, "/hook");

    public ConcurrentQueue<AcceptedWebhook> Accepted { get; }

    public long Refused => Interlocked.Read(ref _mode.Refused);

    public WebhookMode Current
    {
        get => _mode.Current;
        set => _mode.Current = value;
    }

    public static async Task<FlakyWebhookReceiver> StartAsync()
    {
        var accepted = new ConcurrentQueue<AcceptedWebhook>();
        var mode = new Mode();
        var site = await LoopbackSite.StartAsync((app, _) => app.MapPost("/hook", async (HttpContext context) =>
        {
            switch (mode.Current)
            {
                case WebhookMode.DroppingConnections:
                    Interlocked.Increment(ref mode.Refused);
                    context.Abort();
                    return;
                case WebhookMode.AnsweringServerError:
                    Interlocked.Increment(ref mode.Refused);
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    return;
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var root = body.RootElement;
            accepted.Enqueue(new AcceptedWebhook(
                Guid(root, "alertId"), Guid(root, "subscriptionId"), Guid(root, "storyId"), Guid(root, "articleId"),
                context.Request.Headers["Idempotency-Key"].FirstOrDefault() ?? "", DateTimeOffset.UtcNow));
            context.Response.StatusCode = StatusCodes.Status200OK;
        }));
        return new FlakyWebhookReceiver(site, mode, accepted);
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private static Guid Guid(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.TryGetGuid(out var id) ? id : System.Guid.Empty;

    private sealed class Mode
    {
        public long Refused;

        public volatile WebhookMode Current;
    }
}
