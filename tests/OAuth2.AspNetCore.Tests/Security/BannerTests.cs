using System.Diagnostics;
using System.Text;

namespace OAuth2.AspNetCore.Tests.Security;

/// <summary>
/// The sample's start-up banner shows the built-in demo credentials, marked as such, and never a secret or password
/// that came from configuration (an environment variable, a command-line override): consoles end up in logs.
/// </summary>
public sealed class BannerTests
{
    private const string OverriddenSecret = "operator-chosen-secret-7f3a";
    private const string OverriddenPassword = "operator-chosen-password-91c2";

    /// <summary>Runs the sample as its own process (so its real console is read) until the banner's last line.</summary>
    private static async Task<string> RunSampleAndReadBannerAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OAuth2.Sample.Server.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.Contains("are not printed", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        return output.ToString();
    }

    [Fact]
    public async Task Secrets_and_passwords_set_in_configuration_never_reach_the_console()
    {
        var banner = await RunSampleAndReadBannerAsync(
            new Dictionary<string, string> { ["OAuth2__Users__0__Password"] = OverriddenPassword },
            "--urls=http://127.0.0.1:0",
            "--OAuth2:SecretHashIterations=1000",
            $"--OAuth2:Clients:0:ClientSecret={OverriddenSecret}");

        Assert.Contains("OAuth2 sample server listening on", banner, StringComparison.Ordinal);
        Assert.DoesNotContain(OverriddenSecret, banner, StringComparison.Ordinal);
        Assert.DoesNotContain(OverriddenPassword, banner, StringComparison.Ordinal);
        Assert.DoesNotContain("alice-password", banner, StringComparison.Ordinal); // the demo value is no longer the password
        Assert.DoesNotContain("demo-secret ", banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_in_demo_values_are_shown_and_marked_as_demo()
    {
        var banner = await RunSampleAndReadBannerAsync(new Dictionary<string, string>(), "--urls=http://127.0.0.1:0", "--OAuth2:SecretHashIterations=1000");

        Assert.Contains("demo-secret (demo value)", banner, StringComparison.Ordinal);
        Assert.Contains("alice-password (demo value)", banner, StringComparison.Ordinal);
    }
}
