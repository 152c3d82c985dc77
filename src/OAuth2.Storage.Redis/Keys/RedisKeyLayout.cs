using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Keys;

/// <summary>
/// Names every key the store uses. Token, code and device keys carry the digest as their cluster hash tag, so they
/// spread over the slots; a grant's family index carries the grant id as its own hash tag.
/// </summary>
internal sealed class RedisKeyLayout
{
    private readonly string _prefix;

    public RedisKeyLayout(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        _prefix = prefix;
    }

    public string Prefix => _prefix;

    /// <summary><c>{prefix}client:{id}</c>: one string per client, no TTL.</summary>
    public RedisKey Client(string clientId) => _prefix + "client:" + clientId;

    /// <summary><c>{prefix}at:{hex}</c>: access token, a string with a TTL.</summary>
    public RedisKey AccessToken(TokenDigest digest) => DigestKey("at:{", digest);

    /// <summary><c>{prefix}rt:{hex}</c>: refresh token, a hash (v, g, e, r) with a TTL unless it never expires.</summary>
    public RedisKey RefreshToken(TokenDigest digest) => DigestKey("rt:{", digest);

    /// <summary><c>{prefix}ac:{hex}</c>: authorization code, a hash (v, g, e, r) with a TTL.</summary>
    public RedisKey AuthorizationCode(TokenDigest digest) => DigestKey("ac:{", digest);

    /// <summary>
    /// <c>{prefix}dc:{hex}</c>: device authorization under its device-code digest, a hash (v, n, u) with a TTL until
    /// its retention ends.
    /// </summary>
    public RedisKey DeviceCode(TokenDigest digest) => DigestKey("dc:{", digest);

    /// <summary><c>{prefix}uc:{hex}</c>: a user-code digest, a string holding the device-code digest (hex), same TTL.</summary>
    public RedisKey UserCode(TokenDigest digest) => DigestKey("uc:{", digest);

    /// <summary><c>{prefix}gt:{grantId}</c>: the set of token keys of one grant family.</summary>
    public RedisKey GrantTokens(string grantId) => _prefix + "gt:{" + grantId + "}";

    /// <summary><c>{prefix}gc:{grantId}</c>: the set of code keys of one grant.</summary>
    public RedisKey GrantCodes(string grantId) => _prefix + "gc:{" + grantId + "}";

    /// <summary>
    /// <c>{prefix}ct:{clientId}</c>: the sorted set of one client's token keys, scored by expiry (Unix ms, <c>+inf</c>
    /// for never), trimmed of expired members on every write; hash-tagged by the client id, so on a cluster it lives
    /// on one node, apart from the tokens.
    /// </summary>
    public RedisKey ClientTokens(string clientId) => _prefix + "ct:{" + clientId + "}";

    /// <summary>
    /// <c>{prefix}fa:{key}</c>: a failed-attempt counter, a hash (n, e) that expires when its window ends. The throttle
    /// key goes in as given (printable ASCII, compared byte for byte); one key per counter, so a cluster spreads them.
    /// </summary>
    public RedisKey FailedAttempts(string key) => _prefix + "fa:" + key;

    /// <summary><c>{prefix}rp:{key}</c>: a replay cache entry, a string holding its expiry (Unix ms), with a TTL.</summary>
    public RedisKey Replay(string key) => _prefix + "rp:" + key;

    /// <summary><c>{prefix}par:{hex}</c>: a pushed authorization request (RFC 9126), a hash (v, c) that expires with it.</summary>
    public RedisKey PushedAuthorization(TokenDigest digest) => DigestKey("par:{", digest);

    /// <summary><c>{prefix}sk</c>: the JWT signing keys, one hash whose fields are generations and values the keys' JSON (one key, so atomic on a cluster too).</summary>
    public RedisKey SigningKeys() => _prefix + "sk";

    /// <summary><c>{prefix}{kind}{hex}}</c> built in one allocation (this is on every token lookup).</summary>
    private string DigestKey(string kind, TokenDigest digest)
    {
        var length = _prefix.Length + kind.Length + (TokenDigest.Length * 2) + 1;
        return string.Create(length, (_prefix, kind, digest), static (span, state) =>
        {
            state._prefix.AsSpan().CopyTo(span);
            var rest = span[state._prefix.Length..];
            state.kind.AsSpan().CopyTo(rest);
            rest = rest[state.kind.Length..];
            Convert.TryToHexStringLower(state.digest.Bytes, rest, out var written);
            rest[written] = '}';
        });
    }
}
