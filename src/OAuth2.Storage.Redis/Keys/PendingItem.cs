using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Keys;

/// <summary>
/// One key a save writes: a string (access token) or an item hash (refresh token, code). <see cref="TtlMs"/> is
/// <c>-1</c> for an item that never expires; <see cref="ExpiresAtMs"/> (Unix ms, the client index's score) is empty then.
/// </summary>
internal readonly record struct PendingItem(RedisKey Key, bool IsHash, byte[] Value, long TtlMs, string ExpiresAtMs);
