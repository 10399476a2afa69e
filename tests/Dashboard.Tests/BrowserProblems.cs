using Microsoft.Playwright;

namespace MediaMonitor.Dashboard.Tests;

/// <summary>What the browser reported while a test ran: script errors, console errors (CSP violations among them), failed module loads.</summary>
public sealed class BrowserProblems
{
    private readonly List<string> _seen = [];

    public static BrowserProblems Watch(IPage page)
    {
        var problems = new BrowserProblems();
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Console += (_, message) =>
        {
            // An Api answer of 4xx logs "Failed to load resource"; the tests expect those (a broken query, a refused key) and check them.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal))
            {
                problems.Add("console: " + message.Text);
            }
        };
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 500 || (response.Status >= 400 && !response.Url.Contains("/api/", StringComparison.Ordinal)))
            {
                problems.Add($"{response.Status} for {response.Url}");
            }
        };
        return problems;
    }

    public void AssertNone()
    {
        lock (_seen)
        {
            Assert.True(_seen.Count == 0, "the browser reported:\n" + string.Join("\n", _seen));
        }
    }

    private void Add(string problem)
    {
        lock (_seen)
        {
            _seen.Add(problem);
        }
    }
}
