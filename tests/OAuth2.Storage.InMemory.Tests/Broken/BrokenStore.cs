using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage.InMemory.Tests.Broken;

/// <summary>
/// A store as a careful third-party author writes one (dictionaries under one lock, copies of what it is given, a
/// pruner), with exactly one <see cref="Defect"/> switched on. With <see cref="Defect.None"/> it passes the whole
/// suite; with any other, the suite must fail it for the rule that defect breaks.
/// </summary>
internal sealed class BrokenStore(TimeProvider clock, Defect defect) : IOAuth2Store, IExpiredDataPruner
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, OAuth2Client> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<TokenDigest, AccessToken> _access = [];
    private readonly Dictionary<TokenDigest, RefreshToken> _refresh = [];
    private readonly Dictionary<TokenDigest, AuthorizationCode> _codes = [];
    private readonly Dictionary<TokenDigest, DeviceAuthorization> _devices = [];
    private readonly Dictionary<TokenDigest, TokenDigest> _userCodes = [];

    /// <summary>With <see cref="Defect.RedemptionLock"/>: who redeemed what, and until when the lease holds.</summary>
    private readonly Dictionary<TokenDigest, (DateTimeOffset RedeemedAt, DateTimeOffset Until)> _leases = [];

    public Defect Defect => defect;

    private DateTimeOffset Now => defect switch
    {
        Defect.IgnoresTheClock => DateTimeOffset.UtcNow,
        Defect.LocalTime => new DateTimeOffset(clock.GetLocalNow().DateTime, TimeSpan.Zero),
        _ => clock.GetUtcNow(),
    };

    public ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _clients.GetValueOrDefault(clientId));

    public ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _clients[client.Id] = client with
        {
            RedirectUris = [.. client.RedirectUris],
            Grants = [.. client.Grants],
            Scopes = client.Scopes is null ? null : [.. client.Scopes],
            Properties = new Dictionary<string, string>(client.Properties),
        }).AsUnit();

    public ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _clients.Remove(clientId));

    public ValueTask SaveTokensAsync(TokenDigest accessTokenDigest, AccessToken accessToken, TokenDigest? refreshTokenDigest, RefreshToken? refreshToken, CancellationToken cancellationToken)
    {
        StoreArguments.ThrowIfInvalidTokenPair(accessTokenDigest, accessToken, refreshTokenDigest, refreshToken);
        return Locked(cancellationToken, () =>
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

            return true;
        }).AsUnit();
    }

    public ValueTask<AccessToken?> FindAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _access.TryGetValue(digest, out var t) && Live(t.ExpiresAt) ? t : null);

    public ValueTask<RefreshToken?> FindRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _refresh.TryGetValue(digest, out var t) && Live(t.ExpiresAt) ? t with { RedeemedAt = RedeemedAt(digest, t.RedeemedAt) } : null);

    public ValueTask<RedemptionResult> RedeemRefreshTokenAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (!_refresh.TryGetValue(digest, out var t) || !Live(t.ExpiresAt))
            {
                return RedemptionResult.NotFound;
            }

            return Redeem(digest, t.GrantId, t.RedeemedAt, redeemedAt, () => _refresh[digest] = t with { RedeemedAt = redeemedAt });
        });

    public ValueTask<bool> RemoveAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _access.Remove(digest));

    public ValueTask<bool> RemoveRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _refresh.Remove(digest));

    public ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => RemoveWhere(_access, t => SameClient(t.ClientId, clientId)) + RemoveWhere(_refresh, t => SameClient(t.ClientId, clientId)));

    public ValueTask<int> RevokeTokensOfGrantAsync(string grantId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => RemoveWhere(_access, t => t.GrantId == grantId) + RemoveWhere(_refresh, t => t.GrantId == grantId));

    public ValueTask SaveAuthorizationCodeAsync(TokenDigest digest, AuthorizationCode code, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _codes[digest] = code with { Scope = [.. code.Scope], User = Copy(code.User) }).AsUnit();

    public ValueTask<AuthorizationCode?> FindAuthorizationCodeAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _codes.TryGetValue(digest, out var c) && Live(c.ExpiresAt) ? c with { RedeemedAt = RedeemedAt(digest, c.RedeemedAt) } : null);

    public ValueTask<RedemptionResult> RedeemAuthorizationCodeAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (!_codes.TryGetValue(digest, out var c) || !Live(c.ExpiresAt))
            {
                return RedemptionResult.NotFound;
            }

            return Redeem(digest, c.GrantId, c.RedeemedAt, redeemedAt, () => _codes[digest] = c with { RedeemedAt = redeemedAt });
        });

    public ValueTask<int> RevokeCodesOfGrantAsync(string grantId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => RemoveWhere(_codes, c => c.GrantId == grantId));

    public ValueTask<int> PruneExpiredAsync(int batchSize, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            var removed = RemoveWhere(_access, t => !Live(t.ExpiresAt))
                + RemoveWhere(_refresh, t => !Live(t.ExpiresAt))
                + RemoveWhere(_codes, c => !Live(c.ExpiresAt))
                + RemoveWhere(_devices, d => !Live(d.RetainUntil));
            RemoveWhere(_userCodes, device => !_devices.ContainsKey(device));
            return removed;
        });

    public ValueTask<bool> SaveDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, TokenDigest userCodeDigest, DeviceAuthorization authorization, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (_userCodes.TryGetValue(userCodeDigest, out var holder)
                && _devices.TryGetValue(holder, out var held)
                && (defect == Defect.KeepsUserCodesPastRetention || Live(held.RetainUntil)))
            {
                return false;
            }

            if (Live(authorization.RetainUntil))
            {
                _userCodes[userCodeDigest] = deviceCodeDigest;
                _devices[deviceCodeDigest] = Copy(authorization);
            }

            return true;
        });

    public ValueTask<DeviceAuthorization?> FindDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _devices.TryGetValue(deviceCodeDigest, out var d) && Live(d.RetainUntil) ? d : null);

    public ValueTask<TokenDigest?> FindDeviceCodeByUserCodeAsync(TokenDigest userCodeDigest, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _userCodes.TryGetValue(userCodeDigest, out var device) && _devices.TryGetValue(device, out var d) && Live(d.RetainUntil) ? device : null);

    public ValueTask<bool> UpdateDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, long expectedRevision, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        DeviceRevisions.EnsureNext(expectedRevision, authorization);
        return Locked(cancellationToken, () =>
        {
            if (!_devices.TryGetValue(deviceCodeDigest, out var d)
                || (defect != Defect.UpdatesPastRetention && !Live(d.RetainUntil))
                || d.Revision != expectedRevision)
            {
                return false;
            }

            _devices[deviceCodeDigest] = Copy(authorization) with { RetainUntil = d.RetainUntil };
            return true;
        });
    }

    private static OAuth2User Copy(OAuth2User user) => user with { Properties = new Dictionary<string, string>(user.Properties) };

    private static DeviceAuthorization Copy(DeviceAuthorization d) => d with { Scope = [.. d.Scope], User = d.User is null ? null : Copy(d.User) };

    private static int RemoveWhere<T>(Dictionary<TokenDigest, T> items, Func<T, bool> doomed)
    {
        var keys = items.Where(pair => doomed(pair.Value)).Select(pair => pair.Key).ToList();
        keys.ForEach(key => items.Remove(key));
        return keys.Count;
    }

    /// <summary>Whether an item expiring at <paramref name="end"/> is live now (never, when <c>null</c>, ends).</summary>
    private bool Live(DateTimeOffset? end) =>
        end is not { } at || (defect == Defect.ExpiryBoundary ? at >= Now : at > Now);

    /// <summary>The single-use rule: a lasting mark, or (with <see cref="Defect.RedemptionLock"/>) a lease that lapses.</summary>
    private RedemptionResult Redeem(TokenDigest digest, string grantId, DateTimeOffset? marked, DateTimeOffset redeemedAt, Action mark)
    {
        if (defect == Defect.RedemptionLock)
        {
            if (_leases.TryGetValue(digest, out var lease) && lease.Until > Now)
            {
                return new RedemptionResult(RedemptionStatus.AlreadyRedeemed, grantId, lease.RedeemedAt);
            }

            _leases[digest] = (redeemedAt, Now + Lease);
            return new RedemptionResult(RedemptionStatus.Redeemed, grantId, redeemedAt);
        }

        if (marked is { } first)
        {
            return new RedemptionResult(RedemptionStatus.AlreadyRedeemed, grantId, first);
        }

        mark();
        return new RedemptionResult(RedemptionStatus.Redeemed, grantId, redeemedAt);
    }

    /// <summary>What a find reports as the redemption time: the mark, or a lease while it holds.</summary>
    private DateTimeOffset? RedeemedAt(TokenDigest digest, DateTimeOffset? marked) =>
        defect == Defect.RedemptionLock && _leases.TryGetValue(digest, out var lease) && lease.Until > Now ? lease.RedeemedAt : marked;

    private ValueTask<T> Locked<T>(CancellationToken cancellationToken, Func<T> action)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        lock (_gate)
        {
            return ValueTask.FromResult(action());
        }
    }

    /// <summary>With <see cref="Defect.ClientIdIgnoresCase"/>: client ids compared as a case-insensitive collation would.</summary>
    private bool SameClient(string stored, string clientId) =>
        string.Equals(stored, clientId, defect == Defect.ClientIdIgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}

internal static class UnitValueTask
{
    /// <summary>Drops a result: for the saves, which return nothing.</summary>
    public static async ValueTask AsUnit<T>(this ValueTask<T> task) => await task;
}
