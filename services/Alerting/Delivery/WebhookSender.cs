using System.Net.Http.Json;
using System.Text.Json;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>One webhook POST; the outcome says whether the receiver accepted it and, if not, why.</summary>
public sealed class WebhookSender(HttpClient http)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<(bool Delivered, string? Reason)> SendAsync(Uri url, WebhookPayload payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(payload, options: Json),
        };
        request.Headers.Add(IdempotencyKeyHeader, payload.AlertId.ToString());
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? (true, null)
                : (false, $"the receiver answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            return (false, "the receiver could not be reached: " + e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"the receiver did not answer within {http.Timeout.TotalSeconds:0} s");
        }
    }
}
