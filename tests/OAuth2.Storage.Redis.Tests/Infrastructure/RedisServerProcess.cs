using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OAuth2.Storage.Redis.Testing;

/// <summary>
/// A private <c>redis-server</c> on a free loopback port, in its own temporary directory; killed (and the directory
/// removed) on dispose. Shared by the Redis store tests and the Redis benchmarks (linked as a source file).
/// </summary>
internal sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly string[] _extraArguments;
    private Process? _process;

    private RedisServerProcess(int port, string directory, bool persistent, string[] extraArguments)
    {
        Port = port;
        Directory = directory;
        Persistent = persistent;
        _extraArguments = extraArguments;
    }

    /// <summary>The loopback port the server listens on (kept across restarts).</summary>
    public int Port { get; }

    /// <summary>The server's working and data directory.</summary>
    public string Directory { get; }

    /// <summary>Whether writes go to an append-only file (fsync on every write), so they survive a kill and restart.</summary>
    public bool Persistent { get; }

    public string EndPoint => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server and waits until it answers <c>PING</c>.</summary>
    public static async Task<RedisServerProcess> StartAsync(
        bool persistent = false, int? port = null, string[]? extraArguments = null, CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "oauth2-redis-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var server = new RedisServerProcess(port ?? FindFreePort(), directory, persistent, extraArguments ?? []);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>(Re)starts the process on the same port and directory and waits until it is ready.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var info = new ProcessStartInfo(FindExecutable("redis-server"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory,
        };
        string[] arguments =
        [
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", Directory,
            "--logfile", Path.Combine(Directory, "redis.log"),
            "--save", "",
            "--appendonly", Persistent ? "yes" : "no",
            "--appendfsync", "always",
            "--daemonize", "no",
            .. _extraArguments,
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"redis-server on port {Port} exited with code {_process.ExitCode} while starting. Log:\n{ReadLog()}");
            }

            var reply = await TrySendAsync("PING", cancellationToken).ConfigureAwait(false);
            if (reply?.StartsWith("+PONG", StringComparison.Ordinal) == true)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server on port {Port} was not ready within {ReadyTimeout}. Log:\n{ReadLog()}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the process (like a crash: nothing is flushed beyond what was already written).</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>Sends one inline command over a fresh connection; returns the raw reply, or <c>null</c> if unreachable.</summary>
    public async Task<string?> TrySendAsync(string command, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), timeout.Token).ConfigureAwait(false);
            var buffer = new byte[16384];
            var read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public string ReadLog()
    {
        var log = Path.Combine(Directory, "redis.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A free loopback port whose cluster bus port (+10000) is free too.</summary>
    public static int FindFreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = ReservePort(0);
            if (port + 10000 <= 65535 && IsFree(port + 10000))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free loopback port pair found.");

        static bool IsFree(int port)
        {
            try
            {
                ReservePort(port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        static int ReservePort(int port)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            var bound = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return bound;
        }
    }

    /// <summary>Finds an executable on PATH, or fails with what to install.</summary>
    public static string FindExecutable(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{name}' was not found on PATH. The Redis store tests and benchmarks run against a real Redis they start " +
            "themselves: install it first (Debian/Ubuntu: apt-get install -y redis-server redis-tools).");
    }
}
