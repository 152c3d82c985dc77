using System.Globalization;
using System.Text.Json;
using OAuth2.Storage.Redis.Errors;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis;

/// <summary>
/// JWT signing keys: one hash, field = generation, value = the key as JSON (the private key only as sealed by the
/// server). <c>HSETNX</c> adds a generation once, so of two instances rotating at once exactly one wins. No TTL: the
/// server drops retired keys itself. A Redis without persistence (RDB/AOF) loses the keys on restart, and every
/// token they signed with them.
/// </summary>
public sealed partial class RedisOAuth2Store : ISigningKeyStore
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<StoredSigningKey>> GetSigningKeysAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        HashEntry[] entries;
        try
        {
            entries = await _db.HashGetAllAsync(_keys.SigningKeys()).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("read signing keys", e);
        }

        return [.. entries.Select(e => ToStored(JsonSerializer.Deserialize<SigningKeyJson>((string)e.Value!)!)).OrderBy(k => k.Generation)];
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAddSigningKeyAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        SigningKeyArguments.ThrowIfInvalid(key);
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonSerializer.Serialize(new SigningKeyJson(
            key.Generation, key.KeyId, key.Algorithm, Convert.ToBase64String(key.ProtectedKey), key.CreatedAt.ToUnixTimeMilliseconds(), key.ActivatesAt.ToUnixTimeMilliseconds()));
        try
        {
            return await _db.HashSetAsync(_keys.SigningKeys(), key.Generation.ToString(CultureInfo.InvariantCulture), json, When.NotExists).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("add a signing key", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask RemoveSigningKeyAsync(long generation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _db.HashDeleteAsync(_keys.SigningKeys(), generation.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("remove a signing key", e);
        }
    }

    private static StoredSigningKey ToStored(SigningKeyJson json) => new()
    {
        Generation = json.G,
        KeyId = json.K,
        Algorithm = json.A,
        ProtectedKey = Convert.FromBase64String(json.P),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(json.C),
        ActivatesAt = DateTimeOffset.FromUnixTimeMilliseconds(json.S),
    };

    /// <summary>The stored JSON: g generation, k kid, a algorithm, p sealed key (base64), c created and s activates (Unix ms).</summary>
    private sealed record SigningKeyJson(long G, string K, string A, string P, long C, long S);
}
