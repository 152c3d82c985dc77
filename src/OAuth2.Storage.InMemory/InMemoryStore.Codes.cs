using OAuth2.Tokens;

namespace OAuth2.Storage.InMemory;

public sealed partial class InMemoryStore
{
    /// <inheritdoc />
    public ValueTask SaveAuthorizationCodeAsync(TokenDigest digest, AuthorizationCode code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(code);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        var copy = Snapshot.Of(code);
        Put(_codes, ItemKind.AuthorizationCode, digest, copy, copy.GrantId, copy.ExpiresAt.UtcTicks, NowTicks);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<AuthorizationCode?> FindAuthorizationCodeAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<AuthorizationCode?>(cancellationToken)
            : ValueTask.FromResult(Find(_codes, ItemKind.AuthorizationCode, digest));

    /// <inheritdoc />
    public ValueTask<RedemptionResult> RedeemAuthorizationCodeAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<RedemptionResult>(cancellationToken)
            : ValueTask.FromResult(Redeem(
                _codes,
                ItemKind.AuthorizationCode,
                digest,
                redeemedAt,
                static code => code.RedeemedAt,
                static (code, at) => code with { RedeemedAt = at }));

    /// <inheritdoc />
    public ValueTask<int> RevokeCodesOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grantId);
        return cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<int>(cancellationToken)
            : ValueTask.FromResult(RevokeGrant(grantId, codes: true));
    }
}
