using OAuth2.Storage.Redis.Tests.Infrastructure;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>On one node every operation is exactly one command from the client.</summary>
public sealed class RedisSingleNodeRoundTripTests(RedisSingleNodeFixture fixture) : RoundTripCountTests<RedisSingleNodeFixture>(fixture)
{
    protected override (Dictionary<string, long> Client, Dictionary<string, long> Script) Expected(string operation) => operation switch
    {
        "save tokens with refresh" => (new() { ["evalsha"] = 1 }, InScript.SavePair),
        "save code" => (new() { ["evalsha"] = 1 }, InScript.SaveCode),
        "redeem code" or "redeem refresh token" => (new() { ["evalsha"] = 1 }, InScript.Redeem),
        "find access token" or "find client" => (new() { ["get"] = 1 }, []),
        "find refresh token" => (new() { ["hmget"] = 1 }, []),
        "save client" => (new() { ["set"] = 1 }, []),
        "remove access token" => (new() { ["unlink"] = 1 }, []), // StackExchange.Redis deletes with UNLINK on Redis 4+

        // SMEMBERS, then DEL of both members (one already gone: removed above) and of the set.
        "revoke token family" => (new() { ["evalsha"] = 1 }, new() { ["smembers"] = 1, ["del"] = 3 }),
        // One batch: ZPOPMIN of the client index, DEL of both members (gone already).
        "revoke tokens of client" => (new() { ["evalsha"] = 1 }, new() { ["zpopmin"] = 1, ["del"] = 2 }),
        // One script: the user code's claim (GET, then SET PX if free or its holder's retention has passed), then the record.
        "save device authorization" => (new() { ["evalsha"] = 1 }, Plus(Plus(InScript.WriteDevice, "get"), "set")),
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
