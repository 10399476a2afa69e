using System.Text;
using MediaMonitor.ServiceDefaults.Network;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>
/// One webhook (or Slack) POST, signed when the subscription has a secret; the outcome says whether the receiver accepted it and,
/// if not, why (an address the SSRF guard refuses and a redirect are failures with that reason).
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider clock)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task<(bool Delivered, string? Reason)> SendAsync(Uri url, string body, string idempotencyKey, string? secret, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        if (!string.IsNullOrEmpty(secret))
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? (true, null)
                : (int)response.StatusCode is >= 300 and < 400
                    ? (false, $"the receiver answered {(int)response.StatusCode} {response.ReasonPhrase} (redirects are not followed: give the final URL)")
                    : (false, $"the receiver answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e) when (GuardedConnection.Refusal(e) is { } refusal)
        {
            return (false, refusal);
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
