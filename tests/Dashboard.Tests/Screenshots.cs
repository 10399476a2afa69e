using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MediaMonitor.Dashboard.Tests;

/// <summary>
/// Full-page PNGs of the pages a test visits, under MM_TEST_SCREENSHOTS (deploy/local/test.sh sets it to
/// .local/test-&lt;base&gt;/results/screenshots) or else TestResults/screenshots beside the test assembly; each path is
/// written to the test output and to index.txt in the same folder.
/// </summary>
public sealed class Screenshots(ITestOutputHelper output, string test)
{
    public static string Folder => Environment.GetEnvironmentVariable("MM_TEST_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public List<string> Taken { get; } = [];

    public async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{test}-{Taken.Count + 1:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Taken.Add(path);
        output.WriteLine($"screenshot: {path}");
        await File.AppendAllTextAsync(Path.Combine(Folder, "index.txt"), path + Environment.NewLine);
    }
}
