using System.Security.Cryptography;
using System.Text;

namespace MediaMonitor.Crawler.Replicas;

/// <summary>
/// What a lease is taken on: a source's origin (scheme, host, port), so every source of one site is polled by the same
/// replica and that replica's per-host queue, delay and robots.txt cache keep holding when the Crawler scales out.
/// </summary>
public static class LeaseKey
{
    public static Guid For(string sourceUrl)
    {
        ArgumentNullException.ThrowIfNull(sourceUrl);
        var key = Uri.TryCreate(sourceUrl, UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}".ToLowerInvariant()
            : sourceUrl;
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
    }
}
