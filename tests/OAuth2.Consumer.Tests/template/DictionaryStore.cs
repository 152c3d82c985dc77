using System.Collections.Concurrent;
using OAuth2.Clients;
using OAuth2.Storage;
using OAuth2.Tokens;

namespace Consumer;

/// <summary>
/// A store a user writes: plain dictionaries under one lock. Simple, and correct: the lock makes redemption a real
/// compare-and-swap, and saves keep copies of the caller's collections — both of which the conformance suite checks.
/// </summary>
public sealed class DictionaryStore(TimeProvider time) : IOAuth2Store, IExpiredDataPruner
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OAuth2Client> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<TokenDigest, AccessToken> _access = [];
    private readonly Dictionary<TokenDigest, RefreshToken> _refresh = [];
    private readonly Dictionary<TokenDigest, AuthorizationCode> _codes = [];
    private readonly Dictionary<TokenDigest, DeviceAuthorization> _devices = [];
    private readonly Dictionary<TokenDigest, TokenDigest> _userCodes = [];

    private DateTimeOffset Now => time.GetUtcNow();

    public ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_clients.GetValueOrDefault(clientId));
        }
    }

    public ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _clients[client.Id] = client with
            {
                RedirectUris = [.. client.RedirectUris],
                Grants = [.. client.Grants],
                Scopes = client.Scopes is null ? null : [.. client.Scopes],
                Properties = new Dictionary<string, string>(client.Properties),
            };
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_clients.Remove(clientId));
        }
    }

    public ValueTask SaveTokensAsync(TokenDigest accessTokenDigest, AccessToken accessToken, TokenDigest? refreshTokenDigest, RefreshToken? refreshToken, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _access[accessTokenDigest] = accessToken with
            {
                Scope = [.. accessToken.Scope],
                User = Copy(accessToken.User),
                ExtendedAttributes = new Dictionary<string, string>(accessToken.ExtendedAttributes),
            };
            if (refreshTokenDigest is not null && refreshToken is not null)
            {
                _refresh[refreshTokenDigest] = refreshToken with { Scope = [.. refreshToken.Scope], User = Copy(refreshToken.User) };
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<AccessToken?> FindAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_access.TryGetValue(digest, out var t) && t.ExpiresAt > Now ? t : null);
        }
    }

    public ValueTask<RefreshToken?> FindRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_refresh.TryGetValue(digest, out var t) && !(t.ExpiresAt <= Now) ? t : null);
        }
    }

    public ValueTask<RedemptionResult> RedeemRefreshTokenAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_refresh.TryGetValue(digest, out var t) || t.ExpiresAt <= Now)
            {
                return ValueTask.FromResult(RedemptionResult.NotFound);
            }

            if (t.RedeemedAt is { } at)
            {
                return ValueTask.FromResult(new RedemptionResult(RedemptionStatus.AlreadyRedeemed, t.GrantId, at));
            }

            _refresh[digest] = t with { RedeemedAt = redeemedAt };
            return ValueTask.FromResult(new RedemptionResult(RedemptionStatus.Redeemed, t.GrantId, redeemedAt));
        }
    }

    public ValueTask<bool> RemoveAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_access.Remove(digest));
        }
    }

    public ValueTask<bool> RemoveRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_refresh.Remove(digest));
        }
    }

    public ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(RemoveWhere(_access, t => t.ClientId == clientId) + RemoveWhere(_refresh, t => t.ClientId == clientId));
        }
    }

    public ValueTask<int> RevokeTokensOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var removed = RemoveWhere(_access, t => t.GrantId == grantId) + RemoveWhere(_refresh, t => t.GrantId == grantId);
            return ValueTask.FromResult(removed);
        }
    }

    public ValueTask SaveAuthorizationCodeAsync(TokenDigest digest, AuthorizationCode code, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _codes[digest] = code with { Scope = [.. code.Scope], User = Copy(code.User) };
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<AuthorizationCode?> FindAuthorizationCodeAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_codes.TryGetValue(digest, out var c) && c.ExpiresAt > Now ? c : null);
        }
    }

    public ValueTask<RedemptionResult> RedeemAuthorizationCodeAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_codes.TryGetValue(digest, out var c) || c.ExpiresAt <= Now)
            {
                return ValueTask.FromResult(RedemptionResult.NotFound);
            }

            if (c.RedeemedAt is { } at)
            {
                return ValueTask.FromResult(new RedemptionResult(RedemptionStatus.AlreadyRedeemed, c.GrantId, at));
            }

            _codes[digest] = c with { RedeemedAt = redeemedAt };
            return ValueTask.FromResult(new RedemptionResult(RedemptionStatus.Redeemed, c.GrantId, redeemedAt));
        }
    }

    public ValueTask<int> RevokeCodesOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(RemoveWhere(_codes, c => c.GrantId == grantId));
        }
    }

    public ValueTask<int> PruneExpiredAsync(int batchSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = Now;
            var removed = RemoveWhere(_access, t => t.ExpiresAt <= now)
                + RemoveWhere(_refresh, t => t.ExpiresAt <= now)
                + RemoveWhere(_codes, c => c.ExpiresAt <= now)
                + RemoveWhere(_devices, d => d.RetainUntil <= now);
            RemoveWhere(_userCodes, device => !_devices.ContainsKey(device));
            return ValueTask.FromResult(removed);
        }
    }

    public ValueTask<bool> SaveDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, TokenDigest userCodeDigest, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_userCodes.TryGetValue(userCodeDigest, out var holder) && _devices.TryGetValue(holder, out var held) && held.RetainUntil > Now)
            {
                return ValueTask.FromResult(false);
            }

            if (authorization.RetainUntil > Now)
            {
                _userCodes[userCodeDigest] = deviceCodeDigest;
                _devices[deviceCodeDigest] = Copy(authorization);
            }

            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<DeviceAuthorization?> FindDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_devices.TryGetValue(deviceCodeDigest, out var d) && d.RetainUntil > Now ? d : null);
        }
    }

    public ValueTask<TokenDigest?> FindDeviceCodeByUserCodeAsync(TokenDigest userCodeDigest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_userCodes.TryGetValue(userCodeDigest, out var device) && _devices.TryGetValue(device, out var d) && d.RetainUntil > Now ? device : null);
        }
    }

    public ValueTask<bool> UpdateDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, long expectedRevision, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        DeviceRevisions.EnsureNext(expectedRevision, authorization);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_devices.TryGetValue(deviceCodeDigest, out var d) || d.RetainUntil <= Now || d.Revision != expectedRevision)
            {
                return ValueTask.FromResult(false);
            }

            _devices[deviceCodeDigest] = Copy(authorization);
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>Everything held, as text: the conformance suite searches it for plaintext credentials.</summary>
    public string Dump()
    {
        lock (_gate)
        {
            return string.Join('\n', _clients.Values.Select(c => c.ToString())
                .Concat(_access.Select(p => $"{p.Key} {p.Value}"))
                .Concat(_refresh.Select(p => $"{p.Key} {p.Value}"))
                .Concat(_codes.Select(p => $"{p.Key} {p.Value}"))
                .Concat(_devices.Select(p => $"{p.Key} {p.Value}"))
                .Concat(_userCodes.Select(p => $"{p.Key} {p.Value}")));
        }
    }

    private static DeviceAuthorization Copy(DeviceAuthorization d) => d with { Scope = [.. d.Scope], User = d.User is null ? null : Copy(d.User) };

    private static OAuth2.OAuth2User Copy(OAuth2.OAuth2User user) => user with { Properties = new Dictionary<string, string>(user.Properties) };

    private static int RemoveWhere<T>(Dictionary<TokenDigest, T> items, Func<T, bool> predicate)
    {
        var doomed = items.Where(p => predicate(p.Value)).Select(p => p.Key).ToList();
        doomed.ForEach(k => items.Remove(k));
        return doomed.Count;
    }
}
