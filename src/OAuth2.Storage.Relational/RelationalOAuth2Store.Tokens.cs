using Dapper;
using OAuth2.Tokens;

namespace OAuth2.Storage.Relational;

public sealed partial class RelationalOAuth2Store
{
    public async ValueTask SaveTokensAsync(
        TokenDigest accessTokenDigest,
        AccessToken accessToken,
        TokenDigest? refreshTokenDigest,
        RefreshToken? refreshToken,
        CancellationToken cancellationToken)
    {
        StoreArguments.ThrowIfInvalidTokenPair(accessTokenDigest, accessToken, refreshTokenDigest, refreshToken);

        var access = RowMapper.AccessTokenParameters(accessTokenDigest, accessToken);
        if (refreshTokenDigest is null || refreshToken is null)
        {
            await _runner.WriteAsync(
                    (connection, ct) => connection.ExecuteAsync(_runner.Command(Statements.InsertAccessToken, access, null, ct)),
                    cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        var refresh = RowMapper.RefreshTokenParameters(refreshTokenDigest, refreshToken);
        await _runner.TransactionAsync(
                async (connection, transaction, ct) =>
                {
                    await connection.ExecuteAsync(_runner.Command(Statements.InsertAccessToken, access, transaction, ct)).ConfigureAwait(false);
                    return await connection.ExecuteAsync(_runner.Command(Statements.InsertRefreshToken, refresh, transaction, ct)).ConfigureAwait(false);
                },
                cancellationToken)
            .ConfigureAwait(false);
    }

    public async ValueTask<AccessToken?> FindAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var parameters = new StatementParameters().Digest("digest", digest).Int64("now", NowMs());
        var row = await _runner.ReadAsync(
                (connection, ct) => connection.QuerySingleOrDefaultAsync<AccessTokenRow>(_runner.Command(Statements.FindAccessToken, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : RowMapper.ToAccessToken(row);
    }

    public async ValueTask<RefreshToken?> FindRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var parameters = new StatementParameters().Digest("digest", digest).Int64("now", NowMs());
        var row = await _runner.ReadAsync(
                (connection, ct) => connection.QuerySingleOrDefaultAsync<RefreshTokenRow>(_runner.Command(Statements.FindRefreshToken, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : RowMapper.ToRefreshToken(row);
    }

    public ValueTask<RedemptionResult> RedeemRefreshTokenAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken) =>
        RedeemAsync(Statements.RedeemRefreshToken, Statements.FindRefreshTokenRedemption, digest, redeemedAt, cancellationToken);

    public ValueTask<bool> RemoveAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        DeleteByDigestAsync(Statements.DeleteAccessToken, digest, cancellationToken);

    public ValueTask<bool> RemoveRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        DeleteByDigestAsync(Statements.DeleteRefreshToken, digest, cancellationToken);

    public async ValueTask<int> RevokeTokensOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grantId);
        var parameters = new StatementParameters().Text("grant_id", grantId);
        return await _runner.TransactionAsync(
                async (connection, transaction, ct) =>
                    await connection.ExecuteAsync(_runner.Command(Statements.DeleteAccessTokensOfGrant, parameters, transaction, ct)).ConfigureAwait(false)
                    + await connection.ExecuteAsync(_runner.Command(Statements.DeleteRefreshTokensOfGrant, parameters, transaction, ct)).ConfigureAwait(false),
                cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Two <c>DELETE … WHERE client_id = @client_id</c>, served by the <c>client_id</c> indexes, refresh tokens first
    /// (no new access token can come from them), each its own write: revocation is idempotent, so a retry after a
    /// failure or a timeout part-way keeps what the first attempt deleted instead of rolling it back and starting over.
    /// </remarks>
    public async ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        var parameters = new StatementParameters().Text("client_id", clientId);
        var total = 0;
        foreach (var statement in (SqlStatement[])[Statements.DeleteRefreshTokensOfClient, Statements.DeleteAccessTokensOfClient])
        {
            total += await _runner.WriteAsync(
                    (connection, ct) => connection.ExecuteAsync(_runner.Command(statement, parameters, null, ct)),
                    cancellationToken)
                .ConfigureAwait(false);
        }

        return total;
    }

    private async ValueTask<bool> DeleteByDigestAsync(SqlStatement statement, TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var parameters = new StatementParameters().Digest("digest", digest);
        var deleted = await _runner.WriteAsync(
                (connection, ct) => connection.ExecuteAsync(_runner.Command(statement, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return deleted > 0;
    }
}
