using System.Buffers;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using MediaMonitor.ServiceDefaults.Network;

namespace MediaMonitor.Crawler.Http;

/// <summary>
/// One GET as the crawler does it: its User-Agent, conditional validators, at most N redirects (each hop re-checked by
/// the SSRF guard in <see cref="GuardedHandler"/>), a total timeout and a body-size limit enforced while streaming.
/// </summary>
public sealed class PageFetcher : IDisposable
{
    private readonly HttpClient _http;
    private readonly CrawlerOptions _options;

    public PageFetcher(HttpMessageHandler handler, CrawlerOptions options)
    {
        _options = options;
        _http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Fetches a URL; throws <see cref="FetchFailedException"/> with the reason on any failure.</summary>
    public async Task<FetchResult> FetchAsync(Uri url, string accept, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        try
        {
            return await FetchFollowingRedirectsAsync(url, accept, etag, lastModified, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchFailedException($"timed out after {_options.RequestTimeoutSeconds}s", transient: true, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            var blocked = GuardedConnection.Refusal(ex) is not null;
            throw new FetchFailedException(Describe(ex), transient: !blocked, inner: ex);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new FetchFailedException(Describe(ex), inner: ex);
        }
    }

    private async Task<FetchResult> FetchFollowingRedirectsAsync(Uri url, string accept, string? etag, string? lastModified, CancellationToken ct)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            if (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps)
            {
                throw new FetchFailedException($"refused: {current} is not an http or https URL");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
            if (etag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            if (lastModified is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                var location = response.Headers.Location ?? throw new FetchFailedException($"HTTP {status} redirect without a Location header");
                if (hop >= _options.MaxRedirects)
                {
                    throw new FetchFailedException($"too many redirects (more than {_options.MaxRedirects}), last to {location}");
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            var validators = (response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
            if (status == 304)
            {
                return new FetchResult(current, status, [], null, validators.Item1 ?? etag, validators.Item2 ?? lastModified);
            }

            if (status is 429 or 503)
            {
                var retryAfter = RetryAfter(response.Headers.RetryAfter);
                throw new FetchFailedException($"HTTP {status} {response.ReasonPhrase}" + (retryAfter is { } r ? $", retry after {r.TotalSeconds:0}s" : string.Empty), status, retryAfter);
            }

            if (status < 200 || status > 299)
            {
                throw new FetchFailedException($"HTTP {status} {response.ReasonPhrase}", status);
            }

            var body = await ReadBodyAsync(response.Content, ct);
            return new FetchResult(current, status, body, response.Content.Headers.ContentType?.ToString(), validators.Item1, validators.Item2)
            {
                Links = response.Headers.TryGetValues("Link", out var links) ? [.. links] : [],
            };
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken ct)
    {
        var limit = _options.MaxBodyBytes;
        if (content.Headers.ContentLength is { } declared && declared > limit && content.Headers.ContentEncoding.Count == 0)
        {
            throw new FetchFailedException($"body too large: {declared} bytes declared, the limit is {limit}");
        }

        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, chunk.Length), ct)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new FetchFailedException($"body too large: more than {limit} bytes after decompression");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static string Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is BlockedAddressException)
            {
                return e.Message;
            }

            if (e is InvalidDataException)
            {
                return "the compressed body is corrupt: " + e.Message;
            }
        }

        return ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
    }
}
