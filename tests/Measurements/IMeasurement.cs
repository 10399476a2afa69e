namespace MediaMonitor.Measurements;

/// <summary>
/// One quality evaluation (verb "eval") or speed benchmark (verb "bench") of one kind, run by deploy/local/eval.sh KIND
/// or deploy/local/bench.sh KIND. Each ends with the one summary line its issue fixes; other tools read those lines.
/// </summary>
public interface IMeasurement
{
    /// <summary>"eval" or "bench".</summary>
    string Verb { get; }

    /// <summary>The KIND argument: extraction, feeds, dedup, ner, matching, crawl ...</summary>
    string Kind { get; }

    Task<int> RunAsync(string[] args);
}
