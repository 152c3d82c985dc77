using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OAuth2.AspNetCore.ResourceServer.Tests.SeparateProcesses;

/// <summary>
/// A sample app run as its own process (<c>dotnet &lt;dll&gt;</c>, built beside this test project in the same
/// configuration) on a loopback port, ready once <c>readyPath</c> answers 200. Killed (with its children) on dispose.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private SampleProcess(Process process, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<SampleProcess> StartAsync(string project, int port, string readyPath, params string[] args)
    {
        var dll = Locate(project);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        void Keep(object? sender, DataReceivedEventArgs e)
        {
            lock (output)
            {
                if (e.Data is not null && output.Length < 200_000)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var running = new SampleProcess(process, output, new Uri($"http://127.0.0.1:{port}/"));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(running.BaseAddress, readyPath));
                if (response.IsSuccessStatusCode)
                {
                    return running;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        await running.DisposeAsync();
        throw new InvalidOperationException($"{project} did not become ready on port {port}:\n{running.Output}");
    }

    /// <summary>samples/&lt;project&gt;/bin/&lt;configuration&gt;/net10.0/&lt;project&gt;.dll, the configuration this test runs in.</summary>
    private static string Locate(string project)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OAuth2.sln")))
            {
                var dll = Path.Combine(dir.FullName, "samples", project, "bin", configuration, framework, project + ".dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} in {configuration} first (the test project's reference does).", dll);
            }
        }

        throw new InvalidOperationException("OAuth2.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
