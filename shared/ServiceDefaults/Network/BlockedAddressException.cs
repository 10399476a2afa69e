namespace MediaMonitor.ServiceDefaults.Network;

/// <summary>The SSRF guard refused every address a host name resolved to (raised inside a connection attempt).</summary>
public sealed class BlockedAddressException(string message) : IOException(message);
