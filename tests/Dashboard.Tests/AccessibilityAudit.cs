using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MediaMonitor.Dashboard.Tests;

/// <summary>
/// axe-core's WCAG 2.x A and AA rules (labels, contrast, names, landmarks...) run on every page a test visits; a
/// serious or critical violation fails the test with the rule and the elements it found.
/// </summary>
public sealed class AccessibilityAudit
{
    private static readonly string[] Blocking = ["serious", "critical"];
    private readonly List<string> _violations = [];

    public async Task CheckAsync(IPage page, string name)
    {
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };
        var result = await page.RunAxe(options);
        foreach (var violation in result.Violations.Where(v => Blocking.Contains(v.Impact)))
        {
            var where = string.Join("; ", violation.Nodes.Take(3).Select(n => n.Html));
            _violations.Add($"{name}: {violation.Id} ({violation.Impact}) {violation.Help}: {where}");
        }
    }

    public void AssertNone() =>
        Assert.True(_violations.Count == 0, "accessibility violations:\n" + string.Join("\n", _violations));
}
