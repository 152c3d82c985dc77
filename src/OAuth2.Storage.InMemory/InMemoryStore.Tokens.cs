using OAuth2.Tokens;

namespace OAuth2.Storage.InMemory;

public sealed partial class InMemoryStore
{
    /// <inheritdoc />
    public ValueTask SaveTokensAsync(
        TokenDigest accessTokenDigest,
        AccessToken accessToken,
        TokenDigest? refreshTokenDigest,
        RefreshToken? refreshToken,
        CancellationToken cancellationToken)
    {
        StoreArguments.ThrowIfInvalidTokenPair(accessTokenDigest, accessToken, refreshTokenDigest, refreshToken);

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        // Snapshot (and validate) both before writing either, so a bad refresh token leaves nothing half-written.
        var access = Snapshot.Of(accessToken);
        var refresh = refreshToken is null ? null : Snapshot.Of(refreshToken, accessToken, access);
        var now = NowTicks;
        Put(_accessTokens, ItemKind.AccessToken, accessTokenDigest, access, access.GrantId, access.ExpiresAt.UtcTicks, now);
        if (refresh is not null)
        {
            Put(_refreshTokens, ItemKind.RefreshToken, refreshTokenDigest!, refresh, refresh.GrantId, refresh.ExpiresAt?.UtcTicks ?? long.MaxValue, now);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<AccessToken?> FindAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<AccessToken?>(cancellationToken)
            : ValueTask.FromResult(Find(_accessTokens, ItemKind.AccessToken, digest));

    /// <inheritdoc />
    public ValueTask<RefreshToken?> FindRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<RefreshToken?>(cancellationToken)
            : ValueTask.FromResult(Find(_refreshTokens, ItemKind.RefreshToken, digest));

    /// <inheritdoc />
    public ValueTask<RedemptionResult> RedeemRefreshTokenAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<RedemptionResult>(cancellationToken)
            : ValueTask.FromResult(Redeem(
                _refreshTokens,
                ItemKind.RefreshToken,
                digest,
                redeemedAt,
                static token => token.RedeemedAt,
                static (token, at) => token with { RedeemedAt = at }));

    /// <inheritdoc />
    public ValueTask<bool> RemoveAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<bool>(cancellationToken)
            : ValueTask.FromResult(Remove(_accessTokens, ItemKind.AccessToken, digest));

    /// <inheritdoc />
    public ValueTask<bool> RemoveRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<bool>(cancellationToken)
            : ValueTask.FromResult(Remove(_refreshTokens, ItemKind.RefreshToken, digest));

    /// <inheritdoc />
    public ValueTask<int> RevokeTokensOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grantId);
        return cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<int>(cancellationToken)
            : ValueTask.FromResult(RevokeGrant(grantId, codes: false));
    }

    /// <inheritdoc />
    /// <remarks>
    /// A scan of the token maps (a client has no index of its own here: this runs when a client is deleted, rarely,
    /// and an index would cost every token save). Each match is evicted with its grant index entry.
    /// </remarks>
    public ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        var removed = RemoveOfClient(_accessTokens, ItemKind.AccessToken, clientId, static token => token.ClientId, cancellationToken);
        removed += RemoveOfClient(_refreshTokens, ItemKind.RefreshToken, clientId, static token => token.ClientId, cancellationToken);
        return ValueTask.FromResult(removed);
    }

    private int RemoveOfClient<T>(
        System.Collections.Concurrent.ConcurrentDictionary<TokenDigest, StoredItem<T>> map,
        ItemKind kind,
        string clientId,
        Func<T, string> clientIdOf,
        CancellationToken cancellationToken)
        where T : class
    {
        var removed = 0;
        var seen = 0;
        foreach (var (digest, item) in map)
        {
            if (++seen % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (string.Equals(clientIdOf(Volatile.Read(ref item.Value)), clientId, StringComparison.Ordinal) && Evict(map, kind, digest, item))
            {
                removed++;
            }
        }

        return removed;
    }
}
