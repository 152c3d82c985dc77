namespace OAuth2.Storage.Relational;

/// <summary>
/// Every statement a store runs, built once from a dialect and its table names. The parameter names are fixed
/// here, by the store logic, not by the dialect: a dialect whose text uses other names fails its tests.
/// </summary>
internal sealed class RelationalStatements
{
    private static readonly string[] Digest = ["digest"];
    private static readonly string[] DigestNow = ["digest", "now"];
    private static readonly string[] Redeem = ["digest", "redeemed_at", "now"];
    private static readonly string[] GrantId = ["grant_id"];
    private static readonly string[] ClientId = ["client_id"];
    private static readonly string[] Prune = ["now", "batch_size"];
    private static readonly string[] DeviceDigestNow = ["device_digest", "now"];
    private static readonly string[] UserDigestNow = ["user_digest", "now"];
    private static readonly string[] AttemptKey = ["attempt_key"];
    private static readonly string[] AttemptKeyNow = ["attempt_key", "now"];
    private static readonly string[] Failure = ["attempt_key", "now", "window_ends_at"];
    private static readonly string[] Lease = ["lease_name"];
    private static readonly string[] Replay = ["replay_key", "expires_at", "now"];
    private static readonly string[] Consume = ["digest", "consumed_at"];
    private static readonly string[] Generation = ["generation"];
    private static readonly string[] DeviceUpdate = [.. RelationalColumns.DeviceAuthorizationUpdates, "device_digest", "expected_revision", "now"];

    private RelationalStatements(SqlDialect dialect, RelationalTableNames t)
    {
        Tables = t;
        FindClient = new(nameof(FindClient), dialect.FindClient(t), ClientId);
        UpsertClient = new(nameof(UpsertClient), dialect.UpsertClient(t), RelationalColumns.Clients);
        DeleteClient = new(nameof(DeleteClient), dialect.DeleteClient(t), ClientId);
        InsertAccessToken = new(nameof(InsertAccessToken), dialect.InsertAccessToken(t), RelationalColumns.AccessTokens);
        FindAccessToken = new(nameof(FindAccessToken), dialect.FindAccessToken(t), DigestNow);
        DeleteAccessToken = new(nameof(DeleteAccessToken), dialect.DeleteAccessToken(t), Digest);
        DeleteAccessTokensOfGrant = new(nameof(DeleteAccessTokensOfGrant), dialect.DeleteAccessTokensOfGrant(t), GrantId);
        InsertRefreshToken = new(nameof(InsertRefreshToken), dialect.InsertRefreshToken(t), RelationalColumns.RefreshTokens);
        FindRefreshToken = new(nameof(FindRefreshToken), dialect.FindRefreshToken(t), DigestNow);
        RedeemRefreshToken = new(nameof(RedeemRefreshToken), dialect.RedeemRefreshToken(t), Redeem);
        FindRefreshTokenRedemption = new(nameof(FindRefreshTokenRedemption), dialect.FindRefreshTokenRedemption(t), DigestNow);
        DeleteRefreshToken = new(nameof(DeleteRefreshToken), dialect.DeleteRefreshToken(t), Digest);
        DeleteRefreshTokensOfGrant = new(nameof(DeleteRefreshTokensOfGrant), dialect.DeleteRefreshTokensOfGrant(t), GrantId);
        InsertAuthorizationCode = new(nameof(InsertAuthorizationCode), dialect.InsertAuthorizationCode(t), RelationalColumns.AuthorizationCodes);
        FindAuthorizationCode = new(nameof(FindAuthorizationCode), dialect.FindAuthorizationCode(t), DigestNow);
        RedeemAuthorizationCode = new(nameof(RedeemAuthorizationCode), dialect.RedeemAuthorizationCode(t), Redeem);
        FindAuthorizationCodeRedemption = new(nameof(FindAuthorizationCodeRedemption), dialect.FindAuthorizationCodeRedemption(t), DigestNow);
        DeleteAuthorizationCodesOfGrant = new(nameof(DeleteAuthorizationCodesOfGrant), dialect.DeleteAuthorizationCodesOfGrant(t), GrantId);
        DeleteStaleDeviceUserCode = new(nameof(DeleteStaleDeviceUserCode), dialect.DeleteStaleDeviceUserCode(t), UserDigestNow);
        InsertDeviceAuthorization = new(nameof(InsertDeviceAuthorization), dialect.InsertDeviceAuthorization(t), RelationalColumns.DeviceAuthorizations);
        FindDeviceAuthorization = new(nameof(FindDeviceAuthorization), dialect.FindDeviceAuthorization(t), DeviceDigestNow);
        FindDeviceCodeByUserCode = new(nameof(FindDeviceCodeByUserCode), dialect.FindDeviceCodeByUserCode(t), UserDigestNow);
        UpdateDeviceAuthorization = new(nameof(UpdateDeviceAuthorization), dialect.UpdateDeviceAuthorization(t), DeviceUpdate);
        RecordFailure = new(nameof(RecordFailure), dialect.RecordFailure(t), Failure);
        FindFailures = new(nameof(FindFailures), dialect.FindFailures(t), AttemptKeyNow);
        DeleteFailures = new(nameof(DeleteFailures), dialect.DeleteFailures(t), AttemptKey);
        PruneAccessTokens = new(nameof(PruneAccessTokens), dialect.PruneExpired(t.AccessTokens, "expires_at"), Prune);
        PruneRefreshTokens = new(nameof(PruneRefreshTokens), dialect.PruneExpired(t.RefreshTokens, "expires_at"), Prune);
        PruneAuthorizationCodes = new(nameof(PruneAuthorizationCodes), dialect.PruneExpired(t.AuthorizationCodes, "expires_at"), Prune);
        PruneDeviceAuthorizations = new(nameof(PruneDeviceAuthorizations), dialect.PruneExpired(t.DeviceAuthorizations, "retain_until"), Prune);
        PruneFailedAttempts = new(nameof(PruneFailedAttempts), dialect.PruneExpired(t.FailedAttempts, "window_ends_at"), Prune);
        AddReplay = new(nameof(AddReplay), dialect.AddReplay(t), Replay);
        PruneReplayCache = new(nameof(PruneReplayCache), dialect.PruneExpired(t.ReplayCache, "expires_at"), Prune);
        InsertPushedAuthorization = new(nameof(InsertPushedAuthorization), dialect.InsertPushedAuthorization(t), RelationalColumns.PushedAuthorizations);
        FindPushedAuthorization = new(nameof(FindPushedAuthorization), dialect.FindPushedAuthorization(t), DigestNow);
        ConsumePushedAuthorization = new(nameof(ConsumePushedAuthorization), dialect.ConsumePushedAuthorization(t), Consume);
        PrunePushedAuthorizations = new(nameof(PrunePushedAuthorizations), dialect.PruneExpired(t.PushedAuthorizations, "expires_at"), Prune);
        InsertSigningKey = new(nameof(InsertSigningKey), dialect.InsertSigningKey(t), RelationalColumns.SigningKeys);
        FindSigningKeys = new(nameof(FindSigningKeys), dialect.FindSigningKeys(t), []);
        DeleteSigningKey = new(nameof(DeleteSigningKey), dialect.DeleteSigningKey(t), Generation);
        DeleteAccessTokensOfClient = new(nameof(DeleteAccessTokensOfClient), dialect.DeleteAccessTokensOfClient(t), ClientId);
        DeleteRefreshTokensOfClient = new(nameof(DeleteRefreshTokensOfClient), dialect.DeleteRefreshTokensOfClient(t), ClientId);
        if (dialect.TryAcquirePruningLease() is { } acquire && dialect.ReleasePruningLease() is { } release)
        {
            AcquirePruningLease = new(nameof(AcquirePruningLease), acquire, Lease);
            ReleasePruningLease = new(nameof(ReleasePruningLease), release, Lease);
        }

        PruningLeaseName = $"oauth2-prune/{t.Schema}/{t.Prefix}";
    }

    /// <summary>The tables the statements work on.</summary>
    public RelationalTableNames Tables { get; }

    public SqlStatement FindClient { get; }
    public SqlStatement UpsertClient { get; }
    public SqlStatement DeleteClient { get; }
    public SqlStatement InsertAccessToken { get; }
    public SqlStatement FindAccessToken { get; }
    public SqlStatement DeleteAccessToken { get; }
    public SqlStatement DeleteAccessTokensOfGrant { get; }
    public SqlStatement InsertRefreshToken { get; }
    public SqlStatement FindRefreshToken { get; }
    public SqlStatement RedeemRefreshToken { get; }
    public SqlStatement FindRefreshTokenRedemption { get; }
    public SqlStatement DeleteRefreshToken { get; }
    public SqlStatement DeleteRefreshTokensOfGrant { get; }
    public SqlStatement InsertAuthorizationCode { get; }
    public SqlStatement FindAuthorizationCode { get; }
    public SqlStatement RedeemAuthorizationCode { get; }
    public SqlStatement FindAuthorizationCodeRedemption { get; }
    public SqlStatement DeleteAuthorizationCodesOfGrant { get; }
    public SqlStatement DeleteStaleDeviceUserCode { get; }
    public SqlStatement InsertDeviceAuthorization { get; }
    public SqlStatement FindDeviceAuthorization { get; }
    public SqlStatement FindDeviceCodeByUserCode { get; }
    public SqlStatement UpdateDeviceAuthorization { get; }
    public SqlStatement RecordFailure { get; }
    public SqlStatement FindFailures { get; }
    public SqlStatement DeleteFailures { get; }
    public SqlStatement PruneAccessTokens { get; }
    public SqlStatement PruneRefreshTokens { get; }
    public SqlStatement PruneAuthorizationCodes { get; }
    public SqlStatement PruneDeviceAuthorizations { get; }
    public SqlStatement PruneFailedAttempts { get; }
    public SqlStatement AddReplay { get; }
    public SqlStatement PruneReplayCache { get; }
    public SqlStatement InsertPushedAuthorization { get; }
    public SqlStatement FindPushedAuthorization { get; }
    public SqlStatement ConsumePushedAuthorization { get; }
    public SqlStatement PrunePushedAuthorizations { get; }
    public SqlStatement InsertSigningKey { get; }
    public SqlStatement FindSigningKeys { get; }
    public SqlStatement DeleteSigningKey { get; }
    public SqlStatement DeleteAccessTokensOfClient { get; }
    public SqlStatement DeleteRefreshTokensOfClient { get; }

    /// <summary>Takes the pruning lease for this session (selects 1 or 0); <c>null</c> when the engine needs no lease.</summary>
    public SqlStatement? AcquirePruningLease { get; }

    /// <summary>Releases the pruning lease; <c>null</c> when the engine needs no lease.</summary>
    public SqlStatement? ReleasePruningLease { get; }

    /// <summary>
    /// The lease's name (<c>@lease_name</c>): one per schema and table prefix, so two deployments sharing a database
    /// under different prefixes prune independently, while the instances of one deployment take turns.
    /// </summary>
    public string PruningLeaseName { get; }

    /// <summary>Every statement but the optional lease pair, for inspection (and for the tests that parse them).</summary>
    public IReadOnlyList<SqlStatement> All =>
    [
        FindClient, UpsertClient, DeleteClient,
        InsertAccessToken, FindAccessToken, DeleteAccessToken, DeleteAccessTokensOfGrant,
        InsertRefreshToken, FindRefreshToken, RedeemRefreshToken, FindRefreshTokenRedemption, DeleteRefreshToken, DeleteRefreshTokensOfGrant,
        InsertAuthorizationCode, FindAuthorizationCode, RedeemAuthorizationCode, FindAuthorizationCodeRedemption, DeleteAuthorizationCodesOfGrant,
        DeleteStaleDeviceUserCode, InsertDeviceAuthorization, FindDeviceAuthorization, FindDeviceCodeByUserCode, UpdateDeviceAuthorization,
        RecordFailure, FindFailures, DeleteFailures,
        PruneAccessTokens, PruneRefreshTokens, PruneAuthorizationCodes, PruneDeviceAuthorizations, PruneFailedAttempts,
        AddReplay, PruneReplayCache,
        InsertPushedAuthorization, FindPushedAuthorization, ConsumePushedAuthorization, PrunePushedAuthorizations,
        InsertSigningKey, FindSigningKeys, DeleteSigningKey,
        DeleteAccessTokensOfClient, DeleteRefreshTokensOfClient,
    ];

    /// <summary>Builds the statements of <paramref name="dialect"/> for <paramref name="tables"/>.</summary>
    public static RelationalStatements Create(SqlDialect dialect, RelationalTableNames tables)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(tables);
        return new RelationalStatements(dialect, tables);
    }
}
