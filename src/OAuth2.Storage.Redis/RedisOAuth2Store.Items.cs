using OAuth2.Storage.Redis.Errors;
using OAuth2.Storage.Redis.Keys;
using OAuth2.Storage.Redis.Scripts;
using OAuth2.Storage.Redis.Serialization;
using OAuth2.Tokens;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis;

/// <summary>The operations tokens and codes share: indexed save, item lookup, redeem, family revocation.</summary>
public sealed partial class RedisOAuth2Store
{
    /// <summary>
    /// Writes items and their family index. One script (one round trip) when all keys can be touched by one script;
    /// on a cluster, first the index, then the items, so that no saved item is ever missing from its family index.
    /// </summary>
    /// <remarks>
    /// With <paramref name="clientSet"/> (token saves), the items are also added to their client's index, in the same
    /// script on a single node and beside the family index (one more command, sent with it) on a cluster.
    /// </remarks>
    private async ValueTask SaveItemsAsync(string operation, RedisKey familySet, string grantId, PendingItem[] items, int count, RedisKey? clientSet = null)
    {
        if (count == 0)
        {
            return;
        }

        var setTtl = 0L;
        for (var i = 0; i < count; i++)
        {
            setTtl = items[i].TtlMs < 0 || setTtl < 0 ? -1 : Math.Max(setTtl, items[i].TtlMs);
        }

        try
        {
            if (clientSet is { } byClient)
            {
                await SaveIndexedByClientAsync(familySet, byClient, grantId, items, count, setTtl).ConfigureAwait(false);
                return;
            }

            if (!KeysSpreadOverSlots)
            {
                var keys = new RedisKey[count + 1];
                var args = new RedisValue[2 + (4 * count)];
                keys[0] = familySet;
                args[0] = setTtl;
                args[1] = grantId;
                PutItems(keys, 1, args, 2, items, count);

                await _db.ScriptEvaluateAsync(RedisScripts.SaveAll, keys, args).ConfigureAwait(false);
                return;
            }

            var members = new RedisValue[count + 1];
            members[0] = setTtl;
            for (var i = 0; i < count; i++)
            {
                members[i + 1] = (byte[]?)items[i].Key;
            }

            await _db.ScriptEvaluateAsync(RedisScripts.Index, [familySet], members).ConfigureAwait(false);
            await WriteItemsPerSlotAsync(grantId, items, count).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap(operation, e);
        }
    }

    /// <summary>
    /// The items' keys from <paramref name="firstKey"/> on, and their four arguments each (kind, value, TTL, expiry)
    /// from <paramref name="firstArg"/> on, as the scripts' <c>items</c> function reads them.
    /// </summary>
    private static void PutItems(RedisKey[] keys, int firstKey, RedisValue[] args, int firstArg, PendingItem[] items, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var item = items[i];
            keys[firstKey + i] = item.Key;
            args[firstArg + (4 * i)] = item.IsHash ? "h" : "s";
            args[firstArg + 1 + (4 * i)] = item.Value;
            args[firstArg + 2 + (4 * i)] = item.TtlMs;
            args[firstArg + 3 + (4 * i)] = item.ExpiresAtMs;
        }
    }

    private async Task SaveIndexedByClientAsync(RedisKey familySet, RedisKey clientSet, string grantId, PendingItem[] items, int count, long setTtl)
    {
        var now = NowMs;
        if (!KeysSpreadOverSlots)
        {
            var keys = new RedisKey[count + 2];
            var args = new RedisValue[3 + (4 * count)];
            keys[0] = familySet;
            keys[1] = clientSet;
            args[0] = setTtl;
            args[1] = grantId;
            args[2] = now;
            PutItems(keys, 2, args, 3, items, count);

            await _db.ScriptEvaluateAsync(RedisScripts.SaveTokens, keys, args).ConfigureAwait(false);
            return;
        }

        var members = new RedisValue[count + 1];
        var scored = new RedisValue[2 + (2 * count)];
        members[0] = setTtl;
        scored[0] = setTtl;
        scored[1] = now;
        for (var i = 0; i < count; i++)
        {
            var key = (byte[]?)items[i].Key;
            members[i + 1] = key;
            scored[2 + (2 * i)] = items[i].ExpiresAtMs.Length == 0 ? "+inf" : items[i].ExpiresAtMs;
            scored[3 + (2 * i)] = key;
        }

        // Both indexes before any item, as for the family alone: a saved token is always listed where revocation looks.
        await Task.WhenAll(
                _db.ScriptEvaluateAsync(RedisScripts.Index, [familySet], members),
                _db.ScriptEvaluateAsync(RedisScripts.IndexClient, [clientSet], scored))
            .ConfigureAwait(false);
        await WriteItemsPerSlotAsync(grantId, items, count).ConfigureAwait(false);
    }

    private async Task WriteItemsPerSlotAsync(string grantId, PendingItem[] items, int count)
    {
        var writes = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var item = items[i];
            writes[i] = item.IsHash
                ? _db.ScriptEvaluateAsync(RedisScripts.WriteHash, [item.Key], [item.Value, grantId, item.ExpiresAtMs, item.TtlMs])
                : _db.StringSetAsync(item.Key, item.Value, item.TtlMs > 0 ? TimeSpan.FromMilliseconds(item.TtlMs) : null);
        }

        try
        {
            await Task.WhenAll(writes).ConfigureAwait(false);
        }
        catch
        {
            // A pair is all or nothing for the caller: take back whatever part did land (best effort; the index
            // entries left behind point at nothing and expire with the set).
            for (var i = 0; i < count; i++)
            {
                if (writes[i].IsCompletedSuccessfully)
                {
                    _db.KeyDelete(items[i].Key, CommandFlags.FireAndForget);
                }
            }

            throw;
        }
    }

    /// <summary>Reads an item hash (one <c>HMGET</c>): value, grant id, expiry, redemption time.</summary>
    private async ValueTask<RedisValue[]?> FindItemAsync(string operation, RedisKey key)
    {
        var fields = await ReadFieldsAsync(operation, key, ItemFields).ConfigureAwait(false);
        if (fields[0].IsNull || fields[1].IsNull)
        {
            return null;
        }

        return !fields[2].IsNullOrEmpty && (long)fields[2] <= NowMs ? null : fields;
    }

    /// <summary>One <c>HMGET</c> of <paramref name="names"/>, an outage reported as <paramref name="operation"/>.</summary>
    private async ValueTask<RedisValue[]> ReadFieldsAsync(string operation, RedisKey key, RedisValue[] names)
    {
        try
        {
            return await _db.HashGetAsync(key, names).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap(operation, e);
        }
    }

    /// <summary>The atomic compare-and-swap (one <c>EVALSHA</c>, one key, so atomic on a cluster too).</summary>
    private async ValueTask<RedemptionResult> RedeemItemAsync(string operation, RedisKey key, DateTimeOffset redeemedAt)
    {
        RedisResult result;
        try
        {
            result = await _db.ScriptEvaluateAsync(RedisScripts.Redeem, [key], [RecordMapper.ToUnixMs(redeemedAt), NowMs]).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap(operation, e);
        }

        var reply = (RedisResult[])result!;
        return (int)reply[0] switch
        {
            1 => new RedemptionResult(RedemptionStatus.Redeemed, (string?)reply[1], redeemedAt),
            2 => new RedemptionResult(RedemptionStatus.AlreadyRedeemed, (string?)reply[1], ReadTime((RedisValue)reply[2])),
            _ => RedemptionResult.NotFound,
        };
    }

    private async ValueTask<bool> DeleteAsync(string operation, RedisKey key)
    {
        try
        {
            return await _db.KeyDeleteAsync(key).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap(operation, e);
        }
    }

    /// <summary>
    /// Deletes every member of a family set, then the set. One script on a single node; on a cluster one
    /// <c>SMEMBERS</c>, then the members' deletes pipelined per slot, then the set.
    /// </summary>
    private async ValueTask<int> RevokeFamilyAsync(string operation, RedisKey familySet)
    {
        try
        {
            if (!KeysSpreadOverSlots)
            {
                return (int)await _db.ScriptEvaluateAsync(RedisScripts.Revoke, [familySet]).ConfigureAwait(false);
            }

            var members = await _db.SetMembersAsync(familySet).ConfigureAwait(false);
            var deletes = new Task<bool>[members.Length];
            for (var i = 0; i < members.Length; i++)
            {
                deletes[i] = _db.KeyDeleteAsync((byte[]?)members[i]);
            }

            var removed = 0;
            foreach (var deleted in await Task.WhenAll(deletes).ConfigureAwait(false))
            {
                removed += deleted ? 1 : 0;
            }

            // The set goes last: if a delete above failed, a retry still finds every member.
            await _db.KeyDeleteAsync(familySet).ConfigureAwait(false);
            return removed;
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap(operation, e);
        }
    }

    /// <summary>How many of a client's tokens one step of <see cref="RevokeClientAsync"/> takes (bounds each script's run time).</summary>
    private const int ClientRevocationBatch = 512;

    /// <summary>Deletes every token a client index lists, batch by batch, and the index with the last batch.</summary>
    private async ValueTask<int> RevokeClientAsync(RedisKey clientSet, CancellationToken cancellationToken)
    {
        var removed = 0;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int taken;
                if (!KeysSpreadOverSlots)
                {
                    var reply = (RedisResult[])(await _db.ScriptEvaluateAsync(RedisScripts.RevokeClient, [clientSet], [ClientRevocationBatch]).ConfigureAwait(false))!;
                    removed += (int)reply[0];
                    taken = (int)reply[1];
                }
                else
                {
                    var members = await _db.SortedSetRangeByRankAsync(clientSet, 0, ClientRevocationBatch - 1).ConfigureAwait(false);
                    var deletes = new Task<bool>[members.Length];
                    for (var i = 0; i < members.Length; i++)
                    {
                        deletes[i] = _db.KeyDeleteAsync((byte[]?)members[i]);
                    }

                    foreach (var deleted in await Task.WhenAll(deletes).ConfigureAwait(false))
                    {
                        removed += deleted ? 1 : 0;
                    }

                    // Unlisted only once deleted: a failure above leaves every member for a retry.
                    if (members.Length > 0)
                    {
                        await _db.SortedSetRemoveAsync(clientSet, members).ConfigureAwait(false);
                    }

                    taken = members.Length;
                }

                if (taken < ClientRevocationBatch)
                {
                    return removed;
                }
            }
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("revoke the tokens of a client", e);
        }
    }
}
