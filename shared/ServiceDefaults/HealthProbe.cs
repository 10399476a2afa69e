namespace MediaMonitor.ServiceDefaults;

/// <summary>
/// The image's HEALTHCHECK: <c>dotnet MediaMonitor.X.dll --health-probe [url]</c> asks the running service's liveness
/// endpoint (default http://127.0.0.1:8080/health/live) and exits 0 when it answers 2xx, 1 otherwise. The runtime images
/// have no shell and no curl, so the service's own assembly is the probe; it returns before any host is built.
/// </summary>
public static class HealthProbe
{
    public const string Argument = "--health-probe";
    public static readonly Uri DefaultUrl = new("http://127.0.0.1:8080/health/live");

    public static bool IsRequested(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Argument;

    /// <summary>0 if the endpoint answers a success status within <paramref name="timeout"/>, 1 otherwise (the reason on stderr).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        var url = args.Count > 1 ? new Uri(args[1]) : DefaultUrl;
        using var http = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await Console.Error.WriteLineAsync($"{url} answered {(int)response.StatusCode}").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url}: {ex.Message}").ConfigureAwait(false);
        }

        return 1;
    }
}
