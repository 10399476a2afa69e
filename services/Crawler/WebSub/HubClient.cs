using MediaMonitor.ServiceDefaults.Network;

namespace MediaMonitor.Crawler.WebSub;

/// <summary>
/// Sends subscription requests to hubs (https://www.w3.org/TR/websub/#subscriber-sends-subscription-request) over the
/// Crawler's guarded socket handler, so the SSRF guard checks a hub's address like every other fetch.
/// </summary>
public sealed class HubClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly CrawlerOptions _options;

    public HubClient(SocketsHttpHandler handler, CrawlerOptions options)
    {
        _options = options;
        _http = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds) };
    }

    public void Dispose() => _http.Dispose();

    /// <summary>POSTs the form; null when the hub accepted it (2xx), otherwise why not.</summary>
    public async Task<string?> RequestAsync(WebSubSubscription subscription, string mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (!Uri.TryCreate(subscription.Hub, UriKind.Absolute, out var hub) || (hub.Scheme != Uri.UriSchemeHttp && hub.Scheme != Uri.UriSchemeHttps))
        {
            return $"the hub {subscription.Hub} is not an http or https URL";
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("hub.mode", mode),
            new("hub.topic", subscription.Topic),
            new("hub.callback", subscription.Callback),
        };
        if (mode == "subscribe")
        {
            form.Add(new("hub.secret", subscription.Secret));
            form.Add(new("hub.lease_seconds", _options.WebSub.LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, hub) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return status is >= 200 and <= 299 ? null : $"the hub answered HTTP {status} {response.ReasonPhrase}";
        }
        catch (HttpRequestException ex)
        {
            return GuardedConnection.Refusal(ex) is { } refusal ? refusal : "the hub could not be reached: " + ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the hub did not answer within {_options.RequestTimeoutSeconds}s";
        }
    }
}
