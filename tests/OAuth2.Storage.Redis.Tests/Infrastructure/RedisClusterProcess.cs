using System.Diagnostics;

namespace OAuth2.Storage.Redis.Testing;

/// <summary>
/// A real three-primary Redis Cluster on loopback ports (no replicas), created with <c>redis-cli --cluster create</c>
/// and ready once every node reports <c>cluster_state:ok</c>.
/// </summary>
internal sealed class RedisClusterProcess : IAsyncDisposable
{
    private RedisClusterProcess(RedisServerProcess[] nodes) => Nodes = nodes;

    public IReadOnlyList<RedisServerProcess> Nodes { get; }

    /// <summary>A StackExchange.Redis configuration string listing every node.</summary>
    public string EndPoints => string.Join(',', Nodes.Select(n => n.EndPoint));

    public static async Task<RedisClusterProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var nodes = new List<RedisServerProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await RedisServerProcess.StartAsync(
                    extraArguments: ["--cluster-enabled", "yes", "--cluster-config-file", $"nodes-{i}.conf", "--cluster-node-timeout", "5000"],
                    cancellationToken: cancellationToken).ConfigureAwait(false));
            }

            var cluster = new RedisClusterProcess([.. nodes]);
            await cluster.CreateAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(RedisServerProcess.FindExecutable("redis-cli"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("--cluster");
        info.ArgumentList.Add("create");
        foreach (var node in Nodes)
        {
            info.ArgumentList.Add(node.EndPoint);
        }

        info.ArgumentList.Add("--cluster-replicas");
        info.ArgumentList.Add("0");
        info.ArgumentList.Add("--cluster-yes");
        using var cli = Process.Start(info) ?? throw new InvalidOperationException("redis-cli did not start.");
        var output = cli.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = cli.StandardError.ReadToEndAsync(cancellationToken);
        await cli.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (cli.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed ({cli.ExitCode}):\n{await output}\n{await error}");
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var ready = true;
            foreach (var node in Nodes)
            {
                var reply = await node.TrySendAsync("CLUSTER INFO", cancellationToken).ConfigureAwait(false);
                ready &= reply?.Contains("cluster_state:ok", StringComparison.Ordinal) == true;
            }

            if (ready)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The Redis Cluster did not reach cluster_state:ok within 30 s.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }
}
