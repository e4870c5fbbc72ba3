using Microsoft.Playwright;
using Xunit;

namespace Tessera.Dashboard.Tests;

/// <summary>
/// Debian's chromium driven by Playwright (never Playwright's own browser download, which this network refuses).
/// The test command installs chromium when it runs as root; elsewhere the browser tests are skipped with a notice.
/// </summary>
internal static class Browser
{
    public const string PathVariable = "TESSERA_CHROMIUM";

    public static string? ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : null;

    /// <summary>Headless, and none of chromium's background connections (a closed network refuses them at every start).</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath ?? throw new InvalidOperationException("chromium not found"),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>Where the tests write their screenshots: .test-output/dashboard at the repository root (git-ignored).</summary>
    public static string ScreenshotFolder()
    {
        var dir = Path.Combine(RepositoryPaths.Root(), ".test-output", "dashboard");
        Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>A fact that needs the browser: skipped, with the reason shown, when chromium is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Browser.ExecutablePath is null)
        {
            Skip = "SKIPPED: the dashboard's browser tests need Debian's chromium (/usr/bin/chromium or $TESSERA_CHROMIUM); `make test` installs it when run as root (apt-get install chromium)";
        }
    }
}
