using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Errors;

/// <summary>Decides which driver exceptions mean "Redis is unavailable" and wraps them for the core.</summary>
internal static class RedisFailures
{
    /// <summary>Server replies that mean the node cannot serve right now (not a bug in the request).</summary>
    private static readonly string[] UnavailablePrefixes =
        ["LOADING", "CLUSTERDOWN", "MASTERDOWN", "TRYAGAIN", "READONLY", "BUSY", "NOREPLICAS", "MISCONF", "OOM"];

    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => Array.Exists(UnavailablePrefixes, p => server.Message.StartsWith(p, StringComparison.Ordinal)),
        _ => false,
    };

    /// <summary>A short message naming the operation and the kind of failure; the driver's (long) diagnostics stay in the inner exception.</summary>
    public static StorageUnavailableException Wrap(string operation, Exception exception)
    {
        var reason = exception switch
        {
            RedisTimeoutException => "the command timed out",
            RedisConnectionException connection => $"no connection ({connection.FailureType})",
            RedisServerException server => $"the server replied {server.Message.Split(' ', 2)[0]}",
            _ => exception.GetType().Name,
        };
        return new StorageUnavailableException($"The Redis OAuth2 store could not {operation}: Redis is unavailable ({reason}).", exception);
    }
}
