using Dapper;
using OAuth2.Tokens;

namespace OAuth2.Storage.Relational;

public sealed partial class RelationalOAuth2Store
{
    public async ValueTask SaveAuthorizationCodeAsync(TokenDigest digest, AuthorizationCode code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(code);
        var parameters = RowMapper.AuthorizationCodeParameters(digest, code);
        await _runner.WriteAsync(
                (connection, ct) => connection.ExecuteAsync(_runner.Command(Statements.InsertAuthorizationCode, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
    }

    public async ValueTask<AuthorizationCode?> FindAuthorizationCodeAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var parameters = new StatementParameters().Digest("digest", digest).Int64("now", NowMs());
        var row = await _runner.ReadAsync(
                (connection, ct) => connection.QuerySingleOrDefaultAsync<AuthorizationCodeRow>(_runner.Command(Statements.FindAuthorizationCode, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : RowMapper.ToAuthorizationCode(row);
    }

    public ValueTask<RedemptionResult> RedeemAuthorizationCodeAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken) =>
        RedeemAsync(Statements.RedeemAuthorizationCode, Statements.FindAuthorizationCodeRedemption, digest, redeemedAt, cancellationToken);

    public async ValueTask<int> RevokeCodesOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grantId);
        var parameters = new StatementParameters().Text("grant_id", grantId);
        return await _runner.WriteAsync(
                (connection, ct) => connection.ExecuteAsync(_runner.Command(Statements.DeleteAuthorizationCodesOfGrant, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
    }
}
