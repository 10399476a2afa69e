namespace MediaMonitor.Crawler.Http;

/// <summary>The SSRF guard refused every address a host name resolved to.</summary>
public sealed class BlockedAddressException(string message) : IOException(message);
