using Dapper;
using OAuth2.Tokens;

namespace OAuth2.Storage.Relational;

public sealed partial class RelationalOAuth2Store
{
    /// <summary>
    /// One transaction: delete the row holding the user code if its retention has passed, then insert unless a row
    /// (now necessarily a retained one) holds the user code. No row inserted means the user code is taken.
    /// </summary>
    public async ValueTask<bool> SaveDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, TokenDigest userCodeDigest, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        ArgumentNullException.ThrowIfNull(userCodeDigest);
        ArgumentNullException.ThrowIfNull(authorization);
        cancellationToken.ThrowIfCancellationRequested();
        var now = NowMs();
        if (RowMapper.ToUnixMs(authorization.RetainUntil) <= now)
        {
            // Already forgotten: finds could never return it, so there is nothing to write.
            return true;
        }

        var stale = new StatementParameters().Digest("user_digest", userCodeDigest).Int64("now", now);
        var insert = RowMapper.DeviceAuthorizationParameters(deviceCodeDigest, userCodeDigest, authorization);
        try
        {
            var inserted = await _runner.TransactionAsync(
                    async (connection, transaction, ct) =>
                    {
                        await connection.ExecuteAsync(_runner.Command(Statements.DeleteStaleDeviceUserCode, stale, transaction, ct)).ConfigureAwait(false);
                        return await connection.ExecuteAsync(_runner.Command(Statements.InsertDeviceAuthorization, insert, transaction, ct)).ConfigureAwait(false);
                    },
                    cancellationToken)
                .ConfigureAwait(false);
            return inserted == 1;
        }
        catch (Exception e) when (_dialect.IsUniqueViolation(e, UserCodeConstraint))
        {
            return false;
        }
    }

    public async ValueTask<DeviceAuthorization?> FindDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        var parameters = new StatementParameters().Digest("device_digest", deviceCodeDigest).Int64("now", NowMs());
        var row = await _runner.ReadAsync(
                (connection, ct) => connection.QuerySingleOrDefaultAsync<DeviceAuthorizationRow>(_runner.Command(Statements.FindDeviceAuthorization, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : RowMapper.ToDeviceAuthorization(row);
    }

    public async ValueTask<TokenDigest?> FindDeviceCodeByUserCodeAsync(TokenDigest userCodeDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userCodeDigest);
        var parameters = new StatementParameters().Digest("user_digest", userCodeDigest).Int64("now", NowMs());
        var deviceDigest = await _runner.ReadAsync(
                (connection, ct) => connection.QuerySingleOrDefaultAsync<byte[]?>(_runner.Command(Statements.FindDeviceCodeByUserCode, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return deviceDigest is null ? null : TokenDigest.FromBytes(deviceDigest);
    }

    /// <summary>
    /// One conditional UPDATE over the expected revision of a retained row; the engine's row lock makes concurrent
    /// updates at one revision run one after the other, and only the first still finds its revision.
    /// </summary>
    public async ValueTask<bool> UpdateDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, long expectedRevision, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        ArgumentNullException.ThrowIfNull(authorization);
        DeviceRevisions.EnsureNext(expectedRevision, authorization);
        var parameters = RowMapper.DeviceAuthorizationUpdateParameters(deviceCodeDigest, expectedRevision, authorization, NowMs());
        var updated = await _runner.WriteAsync(
                (connection, ct) => connection.ExecuteAsync(_runner.Command(Statements.UpdateDeviceAuthorization, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return updated == 1;
    }

    /// <summary>The unique constraint on the user-code digest, as the schema scripts name it.</summary>
    private string UserCodeConstraint => Statements.Tables.Prefix + "device_authorizations_user_digest";
}
