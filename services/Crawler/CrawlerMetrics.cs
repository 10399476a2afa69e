using System.Diagnostics.Metrics;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Crawler;

/// <summary>The Crawler's instruments on the MediaMonitor.Crawler meter.</summary>
public sealed class CrawlerMetrics
{
    private readonly Counter<long> _fetched;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _extraction;
    private readonly Histogram<double> _extractionWait;
    private readonly Counter<long> _polls;
    private readonly Counter<long> _pushes;
    private readonly Counter<long> _pushedItems;
    private readonly Counter<long> _hostFailures;

    public CrawlerMetrics(ServiceTelemetry telemetry)
    {
        _fetched = telemetry.Meter.CreateCounter<long>("mediamonitor.crawler.articles.fetched", "{article}", "Articles fetched and extracted");
        _failed = telemetry.Meter.CreateCounter<long>("mediamonitor.crawler.articles.failed", "{article}", "Articles whose fetch or extraction failed, by reason");
        _extraction = telemetry.Meter.CreateHistogram<double>("mediamonitor.crawler.extraction.duration", "s", "Time to extract one article page");
        _extractionWait = telemetry.Meter.CreateHistogram<double>("mediamonitor.crawler.extraction.queue_wait", "s",
            "Time a fetched page waits for an extraction worker");
        _polls = telemetry.Meter.CreateCounter<long>("mediamonitor.crawler.source.polls", "{poll}", "Source polls by outcome (ok, not_modified, failed, disabled)");
        _pushes = telemetry.Meter.CreateCounter<long>("mediamonitor.crawler.websub.pushes", "{push}", "WebSub content pushes by outcome (accepted, rejected, unknown)");
        _pushedItems = telemetry.Meter.CreateCounter<long>("mediamonitor.crawler.websub.items_taken_in", "{item}",
            "Items of accepted WebSub pushes handled (new ones taken in, known ones left alone), counted when a push's items are done");
        _hostFailures = telemetry.Meter.CreateCounter<long>("mediamonitor.crawler.host.failures", "{request}",
            "Failed feed and page requests by host and HTTP status (none: no answer, a timeout or a refused body); the only per-host series");
    }

    public void ArticleFetched(TimeSpan extraction)
    {
        _fetched.Add(1);
        _extraction.Record(extraction.TotalSeconds);
    }

    public void ExtractionQueued(TimeSpan wait) => _extractionWait.Record(wait.TotalSeconds);

    /// <summary>Counts a failure under a short reason class (the first words of the reason), keeping label cardinality low.</summary>
    public void ArticleFailed(string reason) => _failed.Add(1, new KeyValuePair<string, object?>("reason", ReasonClass(reason)));

    public void SourcePolled(string outcome) => _polls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void WebSubPush(string outcome) => _pushes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void WebSubItemsTakenIn(int items) => _pushedItems.Add(items);

    /// <summary>Counts a failed request against its host, so a dashboard can name the failing sites.</summary>
    public void HostFailed(string host, int? statusCode) => _hostFailures.Add(1,
        new KeyValuePair<string, object?>("server.address", host),
        new KeyValuePair<string, object?>("http.response.status_code", statusCode is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none"));

    internal static string ReasonClass(string reason)
    {
        var cut = reason.IndexOfAny([':', '(', ';', ',']);
        var head = (cut > 0 ? reason[..cut] : reason).Trim().ToLowerInvariant();
        var words = head.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3);
        return string.Join('_', words.Select(w => new string([.. w.Where(char.IsLetterOrDigit)])).Where(w => w.Length > 0)) is { Length: > 0 } cls ? cls : "other";
    }
}
