using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Keys;

/// <summary>
/// Names every key the store uses. Token and code keys carry the digest as their cluster hash tag, so they spread
/// over the slots; a grant's family index carries the grant id as its own hash tag.
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
    public RedisKey AccessToken(TokenDigest digest) => _prefix + "at:{" + digest.ToHex() + "}";

    /// <summary><c>{prefix}rt:{hex}</c>: refresh token, a hash (v, g, e, r) with a TTL unless it never expires.</summary>
    public RedisKey RefreshToken(TokenDigest digest) => _prefix + "rt:{" + digest.ToHex() + "}";

    /// <summary><c>{prefix}ac:{hex}</c>: authorization code, a hash (v, g, e, r) with a TTL.</summary>
    public RedisKey AuthorizationCode(TokenDigest digest) => _prefix + "ac:{" + digest.ToHex() + "}";

    /// <summary><c>{prefix}gt:{grantId}</c>: the set of token keys of one grant family.</summary>
    public RedisKey GrantTokens(string grantId) => _prefix + "gt:{" + grantId + "}";

    /// <summary><c>{prefix}gc:{grantId}</c>: the set of code keys of one grant.</summary>
    public RedisKey GrantCodes(string grantId) => _prefix + "gc:{" + grantId + "}";
}
