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

    public static StorageUnavailableException Wrap(string operation, Exception exception) => new(
        $"The Redis OAuth2 store could not {operation}: Redis is unavailable ({exception.GetType().Name}: {exception.Message})",
        exception);
}
