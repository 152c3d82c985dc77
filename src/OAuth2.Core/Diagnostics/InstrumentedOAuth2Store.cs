using OAuth2.Clients;
using OAuth2.Storage;
using OAuth2.Storage.Health;
using OAuth2.Tokens;

namespace OAuth2.Diagnostics;

/// <summary>
/// Times every store operation into <c>oauth2.store.operation.duration</c> and wraps it in a client span, tagged with
/// the operation and the backend, so no storage adapter carries instrumentation of its own. When nothing listens it
/// forwards the call untouched.
/// </summary>
/// <remarks>Arguments (digests, records) are never tagged: only the operation's name and the backend's.</remarks>
public sealed class InstrumentedOAuth2Store : DelegatingOAuth2Store
{
    private readonly OAuth2Telemetry _telemetry;
    private readonly StoreOperationTimer _timer;

    public InstrumentedOAuth2Store(IOAuth2Store inner, OAuth2Telemetry telemetry)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        _telemetry = telemetry;
        BackendName = FindCapability<IStoreHealthProbe>(inner)?.BackendName ?? inner.GetType().Name;
        _timer = new StoreOperationTimer(telemetry, BackendName);
    }

    /// <summary>The <c>db.system.name</c> tagged on every measurement: the probe's name, else the store's type name.</summary>
    public string BackendName { get; }

    public override ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken)
        => Run("FindClient", (clientId, cancellationToken), static (s, a) => s.FindClientAsync(a.clientId, a.cancellationToken));

    public override ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
        => Run("SaveClient", (client, cancellationToken), static (s, a) => s.SaveClientAsync(a.client, a.cancellationToken));

    public override ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken)
        => Run("RemoveClient", (clientId, cancellationToken), static (s, a) => s.RemoveClientAsync(a.clientId, a.cancellationToken));

    public override ValueTask SaveTokensAsync(TokenDigest accessTokenDigest, AccessToken accessToken, TokenDigest? refreshTokenDigest, RefreshToken? refreshToken, CancellationToken cancellationToken)
        => Run(
            "SaveTokens",
            (accessTokenDigest, accessToken, refreshTokenDigest, refreshToken, cancellationToken),
            static (s, a) => s.SaveTokensAsync(a.accessTokenDigest, a.accessToken, a.refreshTokenDigest, a.refreshToken, a.cancellationToken));

    public override ValueTask<AccessToken?> FindAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
        => Run("FindAccessToken", (digest, cancellationToken), static (s, a) => s.FindAccessTokenAsync(a.digest, a.cancellationToken));

    public override ValueTask<RefreshToken?> FindRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
        => Run("FindRefreshToken", (digest, cancellationToken), static (s, a) => s.FindRefreshTokenAsync(a.digest, a.cancellationToken));

    public override ValueTask<RedemptionResult> RedeemRefreshTokenAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
        => Run("RedeemRefreshToken", (digest, redeemedAt, cancellationToken), static (s, a) => s.RedeemRefreshTokenAsync(a.digest, a.redeemedAt, a.cancellationToken));

    public override ValueTask<bool> RemoveAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
        => Run("RemoveAccessToken", (digest, cancellationToken), static (s, a) => s.RemoveAccessTokenAsync(a.digest, a.cancellationToken));

    public override ValueTask<bool> RemoveRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
        => Run("RemoveRefreshToken", (digest, cancellationToken), static (s, a) => s.RemoveRefreshTokenAsync(a.digest, a.cancellationToken));

    public override ValueTask<int> RevokeTokensOfGrantAsync(string grantId, CancellationToken cancellationToken)
        => Run("RevokeTokensOfGrant", (grantId, cancellationToken), static (s, a) => s.RevokeTokensOfGrantAsync(a.grantId, a.cancellationToken));

    public override ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken)
        => Run("RevokeTokensOfClient", (clientId, cancellationToken), static (s, a) => s.RevokeTokensOfClientAsync(a.clientId, a.cancellationToken));

    public override ValueTask SaveAuthorizationCodeAsync(TokenDigest digest, AuthorizationCode code, CancellationToken cancellationToken)
        => Run("SaveAuthorizationCode", (digest, code, cancellationToken), static (s, a) => s.SaveAuthorizationCodeAsync(a.digest, a.code, a.cancellationToken));

    public override ValueTask<AuthorizationCode?> FindAuthorizationCodeAsync(TokenDigest digest, CancellationToken cancellationToken)
        => Run("FindAuthorizationCode", (digest, cancellationToken), static (s, a) => s.FindAuthorizationCodeAsync(a.digest, a.cancellationToken));

    public override ValueTask<RedemptionResult> RedeemAuthorizationCodeAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
        => Run("RedeemAuthorizationCode", (digest, redeemedAt, cancellationToken), static (s, a) => s.RedeemAuthorizationCodeAsync(a.digest, a.redeemedAt, a.cancellationToken));

    public override ValueTask<int> RevokeCodesOfGrantAsync(string grantId, CancellationToken cancellationToken)
        => Run("RevokeCodesOfGrant", (grantId, cancellationToken), static (s, a) => s.RevokeCodesOfGrantAsync(a.grantId, a.cancellationToken));

    public override ValueTask<bool> SaveDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, TokenDigest userCodeDigest, DeviceAuthorization authorization, CancellationToken cancellationToken)
        => Run(
            "SaveDeviceAuthorization",
            (deviceCodeDigest, userCodeDigest, authorization, cancellationToken),
            static (s, a) => s.SaveDeviceAuthorizationAsync(a.deviceCodeDigest, a.userCodeDigest, a.authorization, a.cancellationToken));

    public override ValueTask<DeviceAuthorization?> FindDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, CancellationToken cancellationToken)
        => Run("FindDeviceAuthorization", (deviceCodeDigest, cancellationToken), static (s, a) => s.FindDeviceAuthorizationAsync(a.deviceCodeDigest, a.cancellationToken));

    public override ValueTask<TokenDigest?> FindDeviceCodeByUserCodeAsync(TokenDigest userCodeDigest, CancellationToken cancellationToken)
        => Run("FindDeviceCodeByUserCode", (userCodeDigest, cancellationToken), static (s, a) => s.FindDeviceCodeByUserCodeAsync(a.userCodeDigest, a.cancellationToken));

    public override ValueTask<bool> UpdateDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, long expectedRevision, DeviceAuthorization authorization, CancellationToken cancellationToken)
        => Run(
            "UpdateDeviceAuthorization",
            (deviceCodeDigest, expectedRevision, authorization, cancellationToken),
            static (s, a) => s.UpdateDeviceAuthorizationAsync(a.deviceCodeDigest, a.expectedRevision, a.authorization, a.cancellationToken));

    /// <summary>
    /// The pushed authorization store (RFC 9126, a contract registered apart from this one) timed and traced the same
    /// way: <c>SavePushedAuthorization</c>, <c>FindPushedAuthorization</c>, <c>ConsumePushedAuthorization</c>, under
    /// the backend name its own health probe reports, else this store's.
    /// </summary>
    public IPushedAuthorizationStore Instrument(IPushedAuthorizationStore pushedAuthorizations)
    {
        ArgumentNullException.ThrowIfNull(pushedAuthorizations);
        var backend = pushedAuthorizations is IStoreHealthProbe probe ? probe.BackendName : BackendName;
        return new InstrumentedPushedAuthorizationStore(pushedAuthorizations, new StoreOperationTimer(_telemetry, backend));
    }

    private ValueTask<T> Run<TArgs, T>(string operation, TArgs args, Func<IOAuth2Store, TArgs, ValueTask<T>> call)
        => _timer.Run(Inner, operation, args, call);

    private ValueTask Run<TArgs>(string operation, TArgs args, Func<IOAuth2Store, TArgs, ValueTask> call)
        => _timer.Run(Inner, operation, args, call);
}
