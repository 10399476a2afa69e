using Microsoft.Playwright;

namespace MediaMonitor.Dashboard.Tests;

/// <summary>
/// Chromium from the OS packages (apt package chromium; deploy/local/test.sh installs it when missing), driven by
/// Playwright: never a browser Playwright downloads. Absent, every browser test skips with <see cref="MissingReason"/>.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>The flags that work on these machines (root, no GPU, no network but loopback): shared/guides/LOCAL-SERVERS.md.</summary>
    private static readonly string[] Flags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    private IPlaywright? _playwright;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("MM_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string? MissingReason => File.Exists(ExecutablePath)
        ? null
        : $"Chromium is not at {ExecutablePath} (apt package chromium, which deploy/local/test.sh installs when it can; MM_CHROMIUM names another): the dashboard's browser tests cannot run";

    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        // A loaded machine (the whole suite runs test assemblies side by side) needs more than Playwright's 5 s per expectation.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Flags });
    }

    /// <summary>A fresh browser context (own sessionStorage) at a laptop's width, in a time zone far from UTC so that local times show.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Pacific/Auckland",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
