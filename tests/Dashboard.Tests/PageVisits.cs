using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MediaMonitor.Dashboard.Tests;

/// <summary>The pages a test visits: each one screenshotted (<see cref="Screenshots"/>) and audited for accessibility (<see cref="AccessibilityAudit"/>).</summary>
public sealed class PageVisits(ITestOutputHelper output, string test)
{
    private readonly AccessibilityAudit _audit = new();

    public Screenshots Screenshots { get; } = new(output, test);

    /// <summary>Screenshots the page as <paramref name="name"/> and audits it (under <paramref name="audited"/> when given).</summary>
    public async Task VisitedAsync(IPage page, string name, string? audited = null)
    {
        await Screenshots.TakeAsync(page, name);
        await _audit.CheckAsync(page, audited ?? name);
    }

    /// <summary>Fails with every accessibility problem found on any visited page.</summary>
    public void AssertAccessible() => _audit.AssertNone();
}
