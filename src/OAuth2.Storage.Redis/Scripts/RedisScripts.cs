namespace OAuth2.Storage.Redis.Scripts;

/// <summary>
/// The Lua scripts behind every multi-step operation. Each runs atomically on the node that owns its keys;
/// StackExchange.Redis loads each once per server and then sends <c>EVALSHA</c>.
/// </summary>
/// <remarks>
/// Item hashes hold <c>v</c> (the serialized record), <c>g</c> (grant id), <c>e</c> (expiry, Unix ms, empty when
/// none) and, once redeemed, <c>r</c> (redemption time, Unix ms). TTLs are relative milliseconds computed from the
/// store's clock; <c>-1</c> means "never expires".
/// </remarks>
internal static class RedisScripts
{
    /// <summary>
    /// Stretches an index key's TTL (<c>cur</c>, its PTTL before the write) to <c>ttl</c> when that is longer, or
    /// removes it when a member never expires (<c>ttl</c> &lt; 0). Every script that writes an index starts with it.
    /// </summary>
    private const string StretchFunction = """
        local function stretch(set, ttl, cur)
          if ttl < 0 then
            if cur >= 0 then redis.call('PERSIST', set) end
          elseif cur == -2 or (cur >= 0 and ttl > cur) then
            redis.call('PEXPIRE', set, ttl)
          end
        end

        """;

    /// <summary>
    /// Adds members to a family set and stretches its TTL to the longest member (or removes it when a member never
    /// expires). Used inline by <see cref="SaveAll"/> and on its own on a cluster.
    /// </summary>
    private const string IndexFunction = """
        local function index(set, ttl, members, first)
          local cur = redis.call('PTTL', set)
          if #members >= first then redis.call('SADD', set, unpack(members, first)) end
          stretch(set, ttl, cur)
        end

        """;

    /// <summary>
    /// Writes the items KEYS[first..n], their arguments from ARGV[a] on, four per item: kind ('s' string, 'h' hash),
    /// value, TTL, expiry. Shared by <see cref="SaveAll"/> and <see cref="SaveTokens"/>.
    /// </summary>
    private const string ItemsFunction = """
        local function items(first, a, grant)
          for i = first, #KEYS do
            local k, kind, val, ttl, exp = KEYS[i], ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2]), ARGV[a + 3]
            a = a + 4
            if kind == 's' then
              if ttl > 0 then redis.call('SET', k, val, 'PX', ttl) else redis.call('SET', k, val) end
            else
              redis.call('DEL', k)
              redis.call('HSET', k, 'v', val, 'g', grant, 'e', exp)
              if ttl > 0 then redis.call('PEXPIRE', k, ttl) end
            end
          end
        end

        """;

    /// <summary>
    /// Adds score/member pairs (score = the member's expiry, Unix ms, or <c>+inf</c>) from <c>scored[first..]</c> to a
    /// client's token index, drops the members whose expiry has passed (so the set never outgrows the client's live
    /// tokens by more than what was removed early), and stretches the key's TTL as <c>index</c> does.
    /// </summary>
    private const string ClientIndexFunction = """
        local function byclient(set, ttl, now, scored, first)
          local cur = redis.call('PTTL', set)
          if #scored >= first then redis.call('ZADD', set, unpack(scored, first)) end
          redis.call('ZREMRANGEBYSCORE', set, '-inf', now)
          stretch(set, ttl, cur)
        end

        """;

    /// <summary>
    /// Saves items and their family index in one step (all keys in one slot).
    /// KEYS[1] = family set, KEYS[2..n] = items. ARGV[1] = set TTL, ARGV[2] = grant id, then per item:
    /// kind ('s' string, 'h' hash), value, TTL, expiry.
    /// </summary>
    public const string SaveAll = StretchFunction + IndexFunction + ItemsFunction + """
        index(KEYS[1], tonumber(ARGV[1]), KEYS, 2)
        items(2, 3, ARGV[2])
        return 1
        """;

    /// <summary>
    /// Saves a token pair with its family index and its client index in one step (all keys in one slot).
    /// KEYS[1] = family set, KEYS[2] = client index, KEYS[3..n] = items. ARGV[1] = set TTL, ARGV[2] = grant id,
    /// ARGV[3] = now (Unix ms), then per item: kind, value, TTL, expiry (Unix ms, empty when it never expires).
    /// </summary>
    public const string SaveTokens = StretchFunction + IndexFunction + ItemsFunction + ClientIndexFunction + """
        index(KEYS[1], tonumber(ARGV[1]), KEYS, 3)
        local scored = {}
        local a = 4
        for i = 3, #KEYS do
          local exp = ARGV[a + 3]
          scored[#scored + 1] = exp ~= '' and exp or '+inf'
          scored[#scored + 1] = KEYS[i]
          a = a + 4
        end
        byclient(KEYS[2], tonumber(ARGV[1]), ARGV[3], scored, 1)
        items(3, 4, ARGV[2])
        return 1
        """;

    /// <summary>
    /// Cluster step 1 (beside <see cref="Index"/>) of a token save: KEYS[1] = client index, ARGV[1] = set TTL,
    /// ARGV[2] = now (Unix ms), ARGV[3..n] = score/member pairs.
    /// </summary>
    public const string IndexClient = StretchFunction + ClientIndexFunction + """
        byclient(KEYS[1], tonumber(ARGV[1]), ARGV[2], ARGV, 3)
        return 1
        """;

    /// <summary>
    /// Revokes up to ARGV[1] tokens of a client on one node: pops them from the client index (KEYS[1]) and deletes
    /// them. Returns {deleted, popped}; the caller repeats while a full batch was popped, so no single script runs long.
    /// </summary>
    public const string RevokeClient = """
        local m = redis.call('ZPOPMIN', KEYS[1], ARGV[1])
        local n = 0
        for i = 1, #m, 2 do n = n + redis.call('DEL', m[i]) end
        return {n, #m / 2}
        """;

    /// <summary>Cluster step 1: KEYS[1] = family set, ARGV[1] = set TTL, ARGV[2..n] = member keys.</summary>
    public const string Index = StretchFunction + IndexFunction + """
        index(KEYS[1], tonumber(ARGV[1]), ARGV, 2)
        return 1
        """;

    /// <summary>Cluster step 2 for a hash item: KEYS[1] = item, ARGV = value, grant id, expiry, TTL.</summary>
    public const string WriteHash = """
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 'g', ARGV[2], 'e', ARGV[3])
        local ttl = tonumber(ARGV[4])
        if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
        return 1
        """;

    /// <summary>Writes a device authorization hash with its TTL; shared by <see cref="SaveDevice"/> and <see cref="WriteDevice"/>.</summary>
    private const string DeviceFunction = """
        local function device(k, val, revision, retain, ttl)
          redis.call('DEL', k)
          redis.call('HSET', k, 'v', val, 'n', revision, 'u', retain)
          redis.call('PEXPIRE', k, ttl)
        end

        """;

    /// <summary>
    /// Claims a user-code key for a new holder unless a holder whose retention is still to come (judged by the store's
    /// clock, passed in) has it: the value is <c>hex|retention</c>, so a holder past its retention frees the code at
    /// once, not when Redis evicts the key. A value without a retention (written before it carried one) is held until
    /// its TTL ends.
    /// </summary>
    private const string ClaimFunction = """
        local function claim(k, val, ttl, now)
          local held = redis.call('GET', k)
          if held then
            local bar = string.find(held, '|', 1, true)
            if not bar or tonumber(string.sub(held, bar + 1)) > tonumber(now) then return false end
          end
          redis.call('SET', k, val, 'PX', ttl)
          return true
        end

        """;

    /// <summary>
    /// Saves a device authorization in one step (both keys in one slot): claims the user code (see
    /// <see cref="ClaimFunction"/>), and only if that succeeded writes the record. KEYS[1] = user code, KEYS[2] = device
    /// record. ARGV = user-code value (<c>hex|retention</c>), TTL, record, revision, retention (Unix ms), now (Unix ms).
    /// Returns 1 saved, 0 user code taken.
    /// </summary>
    public const string SaveDevice = ClaimFunction + DeviceFunction + """
        if not claim(KEYS[1], ARGV[1], ARGV[2], ARGV[6]) then return 0 end
        device(KEYS[2], ARGV[3], ARGV[4], ARGV[5], ARGV[2])
        return 1
        """;

    /// <summary>
    /// Cluster step 1 of a device save: claims the user code on its node. KEYS[1] = user code, ARGV = value
    /// (<c>hex|retention</c>), TTL, now (Unix ms). Returns 1 claimed, 0 taken.
    /// </summary>
    public const string ClaimUserCode = ClaimFunction + """
        if not claim(KEYS[1], ARGV[1], ARGV[2], ARGV[3]) then return 0 end
        return 1
        """;

    /// <summary>
    /// Cluster step 2 of a device save (step 1 is <see cref="ClaimUserCode"/>): KEYS[1] = device record, ARGV =
    /// record, revision, retention (Unix ms), TTL.
    /// </summary>
    public const string WriteDevice = DeviceFunction + """
        device(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
        return 1
        """;

    /// <summary>
    /// The device compare-and-swap, one key so atomic on a cluster too. KEYS[1] = device record, ARGV[1] = expected
    /// revision (decimal, compared as text so any long is exact), ARGV[2] = replacement record, ARGV[3] = its revision,
    /// ARGV[4] = now (Unix ms). Returns 1 replaced, 0 unknown, past retention or another revision. <c>HSET</c> keeps
    /// the key's TTL, and the retention field <c>u</c> is left as saved.
    /// </summary>
    public const string UpdateDevice = """
        local d = redis.call('HMGET', KEYS[1], 'n', 'u')
        if not d[1] or d[1] ~= ARGV[1] then return 0 end
        if tonumber(d[2]) <= tonumber(ARGV[4]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 'n', ARGV[3])
        return 1
        """;

    /// <summary>
    /// The single-use compare-and-swap. KEYS[1] = item hash, ARGV[1] = redemption time, ARGV[2] = now (Unix ms).
    /// Returns {0} not found, {1, grant} this caller won, {2, grant, redeemedAt} already redeemed.
    /// The hash keeps its TTL: <c>HSET</c> does not touch it.
    /// </summary>
    public const string Redeem = """
        local d = redis.call('HMGET', KEYS[1], 'g', 'r', 'e')
        if not d[1] then return {0} end
        if d[3] and d[3] ~= '' and tonumber(d[3]) <= tonumber(ARGV[2]) then return {0} end
        if d[2] then return {2, d[1], d[2]} end
        redis.call('HSET', KEYS[1], 'r', ARGV[1])
        return {1, d[1]}
        """;

    /// <summary>
    /// Family revocation on one node: KEYS[1] = family set. Deletes every member, then the set; returns how many
    /// members existed. Members are read from the set, so this runs only where all keys live on one node.
    /// </summary>
    public const string Revoke = """
        local m = redis.call('SMEMBERS', KEYS[1])
        local n = 0
        for i = 1, #m do n = n + redis.call('DEL', m[i]) end
        redis.call('DEL', KEYS[1])
        return n
        """;

    /// <summary>
    /// Counts one failed attempt, one key so atomic on a cluster too. KEYS[1] = counter hash (n = count, e = window end,
    /// Unix ms). ARGV[1] = now (Unix ms), ARGV[2] = TTL of a new window (ms), ARGV[3] = end of a new window (Unix ms).
    /// A window that ends after now is counted into; otherwise (none, or ended at or before now) a new one opens with
    /// count 1 and the key expires with it. Returns {count, window end}.
    /// </summary>
    public const string RecordFailure = """
        local e = redis.call('HGET', KEYS[1], 'e')
        if e and tonumber(e) > tonumber(ARGV[1]) then
          return {redis.call('HINCRBY', KEYS[1], 'n', 1), e}
        end
        redis.call('HSET', KEYS[1], 'n', 1, 'e', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return {1, ARGV[3]}
        """;

    /// <summary>
    /// Replay cache add. KEYS[1] = entry (a string holding its expiry, Unix ms). ARGV: now ms, expiry ms, TTL ms.
    /// An entry that expires after now is a replay (0); otherwise (none, or expired by the caller's clock) the entry is
    /// written with a TTL of the time left, and this call wins (1). One script on one key: atomic on a cluster too.
    /// </summary>
    public const string AddReplay = """
        local e = redis.call('GET', KEYS[1])
        if e and tonumber(e) > tonumber(ARGV[1]) then
          return 0
        end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    /// <summary>Every script, for <see cref="RedisOAuth2Store.PreloadScriptsAsync"/>.</summary>
    public static readonly string[] All = [SaveAll, Index, WriteHash, Redeem, Revoke, SaveDevice, ClaimUserCode, WriteDevice, UpdateDevice, RecordFailure, AddReplay, ConsumePushed, SaveTokens, IndexClient, RevokeClient];

    /// <summary>
    /// Marks a pushed authorization request consumed unless it already is (or is gone): one key, so atomic on a
    /// cluster. KEYS[1] = request hash. ARGV[1] = consumption time (Unix ms). Returns 1 for the one caller that marked it.
    /// </summary>
    public const string ConsumePushed = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        return redis.call('HSETNX', KEYS[1], 'c', ARGV[1])
        """;
}
