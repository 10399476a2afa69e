using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Api.Operations;

/// <summary>
/// Reads the services' queues from the RabbitMQ management API: depth and consumers of each, and the first messages of
/// MassTransit's *_error and *_skipped queues, fetched with ackmode ack_requeue_true so they go back where they were.
/// Any failure becomes the report's Error; the operations page never fails because the broker's API does.
/// </summary>
public sealed class BrokerManagement(HttpClient http, RabbitMqSettings settings)
{
    public const string ErrorSuffix = "_error";
    public const string SkippedSuffix = "_skipped";

    /// <summary>How many messages of each dead-letter queue are shown (peeked and put back, never consumed).</summary>
    public const int DeadLetterSample = 3;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<BrokerReport> ReportAsync(CancellationToken ct)
    {
        var o = settings;
        if (string.IsNullOrWhiteSpace(o.ManagementUrl))
        {
            return new BrokerReport(false, null, o.VirtualHost, null, [], []);
        }

        if (BaseAddress(o.ManagementUrl) is not { } baseAddress)
        {
            return new BrokerReport(true, null, o.VirtualHost, "RabbitMq:ManagementUrl is not an absolute http(s) URL", [], []);
        }

        // Authority leaves out any user:password@ written into the URL.
        var shown = baseAddress.Scheme + "://" + baseAddress.Authority + baseAddress.AbsolutePath;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            var vhost = Uri.EscapeDataString(o.VirtualHost);
            using var request = Request(HttpMethod.Get, new Uri(baseAddress,
                $"api/queues/{vhost}?columns=name,messages,messages_ready,messages_unacknowledged,consumers"));
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return Failed($"the management API answered {(int)response.StatusCode} {response.ReasonPhrase} for the queues of virtual host '{o.VirtualHost}'");
            }

            var queues = (await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).EnumerateArray()
                .Select(q => new QueueDepth(q.GetProperty("name").GetString() ?? "", Number(q, "messages"), Number(q, "messages_ready"),
                    Number(q, "messages_unacknowledged"), (int)Number(q, "consumers")))
                .OrderBy(q => q.Name, StringComparer.Ordinal)
                .ToList();
            var deadLetters = new List<DeadLetterQueue>();
            foreach (var queue in queues.Where(q => DeadLetterKind(q.Name) is not null))
            {
                var sample = queue.Messages > 0 ? await PeekAsync(baseAddress, vhost, queue.Name, DeadLetterSample, timeout.Token) : [];
                deadLetters.Add(new DeadLetterQueue(queue.Name, DeadLetterKind(queue.Name)!, queue.Messages, sample));
            }

            return new BrokerReport(true, shown, o.VirtualHost, null, queues, deadLetters);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or InvalidOperationException or KeyNotFoundException
            && !ct.IsCancellationRequested)
        {
            return Failed(e is OperationCanceledException
                ? $"the management API did not answer within {Timeout.TotalSeconds:0} s"
                : "the management API could not be read: " + e.Message);
        }

        BrokerReport Failed(string error) => new(true, shown, o.VirtualHost, error, [], []);
    }

    /// <summary>"error" for a MassTransit fault queue, "skipped" for its queue of messages no consumer took, else null.</summary>
    public static string? DeadLetterKind(string queue) =>
        queue.EndsWith(ErrorSuffix, StringComparison.Ordinal) ? "error"
        : queue.EndsWith(SkippedSuffix, StringComparison.Ordinal) ? "skipped"
        : null;

    private async Task<IReadOnlyList<DeadLetterMessage>> PeekAsync(Uri baseAddress, string vhost, string queue, int count, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, new Uri(baseAddress, $"api/queues/{vhost}/{Uri.EscapeDataString(queue)}/get"));
        // ack_requeue_true: the broker hands the messages over and puts them back; nothing is consumed.
        request.Content = JsonContent.Create(new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 50_000 });
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return [.. messages.EnumerateArray().Select(DeadLetters.Describe)];
    }

    private HttpRequestMessage Request(HttpMethod method, Uri uri)
    {
        var o = settings;
        var user = string.IsNullOrEmpty(o.ManagementUsername) ? o.Username : o.ManagementUsername;
        var password = string.IsNullOrEmpty(o.ManagementPassword) ? o.Password : o.ManagementPassword;
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return request;
    }

    private static Uri? BaseAddress(string url) =>
        Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private static long Number(JsonElement queue, string name) =>
        queue.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
