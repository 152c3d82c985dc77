using OAuth2.Storage.Redis.Tests.Infrastructure;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>
/// On a cluster, lookups and redemptions are still one command; a save is the family-index script followed by one
/// write per item (sent together); a revocation reads the set, deletes the members (pipelined), then the set.
/// </summary>
public sealed class RedisClusterRoundTripTests(RedisClusterFixture fixture) : RoundTripCountTests<RedisClusterFixture>(fixture)
{
    protected override (Dictionary<string, long> Client, Dictionary<string, long> Script) Expected(string operation) => operation switch
    {
        // Family index script (PTTL, SADD of both members, PEXPIRE) and client index script (PTTL, one ZADD of both members, ZREMRANGEBYSCORE,
        // PEXPIRE) sent together, then PSETEX for the access token and the hash script for the refresh token.
        "save tokens with refresh" => (new() { ["evalsha"] = 3, ["psetex"] = 1 }, new() { ["pttl"] = 2, ["sadd"] = 1, ["zadd"] = 1, ["zremrangebyscore"] = 1, ["pexpire"] = 3, ["del"] = 1, ["hset"] = 1 }),
        "save code" => (new() { ["evalsha"] = 2 }, InScript.SaveCode),
        "redeem code" or "redeem refresh token" => (new() { ["evalsha"] = 1 }, InScript.Redeem),
        "find access token" or "find client" => (new() { ["get"] = 1 }, []),
        "find refresh token" => (new() { ["hmget"] = 1 }, []),
        "save client" => (new() { ["set"] = 1 }, []),
        "remove access token" => (new() { ["unlink"] = 1 }, []), // StackExchange.Redis deletes with UNLINK on Redis 4+
        "revoke token family" => (new() { ["smembers"] = 1, ["unlink"] = 3 }, []),
        // One batch: ZRANGE of the client index, the members' deletes pipelined, then ZREM of the batch.
        "revoke tokens of client" => (new() { ["zrange"] = 1, ["unlink"] = 2, ["zrem"] = 1 }, []),
        // Two slots: the user code's claim script (GET, SET PX) on its node, then the record script on the device key's node.
        "save device authorization" => (new() { ["evalsha"] = 2 }, Plus(Plus(InScript.WriteDevice, "get"), "set")),
        "find device code by user code" => (new() { ["get"] = 1 }, []),
        "find device authorization" => (new() { ["hmget"] = 1 }, []),
        "update device authorization" => (new() { ["evalsha"] = 1 }, InScript.UpdateDevice),
        "record first failure" => (new() { ["evalsha"] = 1 }, InScript.OpenWindow),
        "record failure in window" => (new() { ["evalsha"] = 1 }, InScript.CountIntoWindow),
        "get failures" => (new() { ["hmget"] = 1 }, []),
        "reset failures" => (new() { ["unlink"] = 1 }, []),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    private static Dictionary<string, long> Plus(Dictionary<string, long> counts, string command) =>
        new(counts) { [command] = counts.GetValueOrDefault(command) + 1 };
}
