using Microsoft.Playwright;

namespace OAuth2.AspNetCore.Tests.Browser;

/// <summary>Headless Debian chromium under Playwright (never Playwright's own downloaded browser), disposed as one.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>Generous: the CI machine may be shared and heavily loaded; a timeout here says nothing about the server.</summary>
    private static readonly TimeSpan BrowserTimeout = TimeSpan.FromMinutes(2);

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Starts chromium, or skips the test when it is not installed.</summary>
    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Skip($"{ChromiumPath} is not installed (apt-get install -y chromium); the browser test needs Debian's chromium.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = (float)BrowserTimeout.TotalMilliseconds,
            });
            var page = await browser.NewPageAsync();
            page.SetDefaultTimeout((float)BrowserTimeout.TotalMilliseconds);
            page.SetDefaultNavigationTimeout((float)BrowserTimeout.TotalMilliseconds);
            return new BrowserSession(playwright, browser, page);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
