using Dapper;
using OAuth2.Tokens;

namespace OAuth2.Storage.Relational;

/// <summary>
/// Pushed authorization requests (RFC 9126): one row per <c>request_uri</c> digest in the <c>pushed_authorizations</c>
/// table, consumed by one conditional UPDATE whose affected-row count says who won. Expired rows go with
/// <see cref="PruneExpiredAsync"/>.
/// </summary>
public sealed partial class RelationalOAuth2Store
{
    /// <inheritdoc />
    public async ValueTask SavePushedAuthorizationAsync(TokenDigest digest, PushedAuthorization request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(request);
        var parameters = RowMapper.PushedAuthorizationParameters(digest, request);
        await _runner.WriteAsync(
                (connection, ct) => connection.ExecuteAsync(_runner.Command(Statements.InsertPushedAuthorization, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<PushedAuthorization?> FindPushedAuthorizationAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var parameters = new StatementParameters().Digest("digest", digest).Int64("now", NowMs());
        var row = await _runner.ReadAsync(
                (connection, ct) => connection.QuerySingleOrDefaultAsync<PushedAuthorizationRow>(_runner.Command(Statements.FindPushedAuthorization, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : RowMapper.ToPushedAuthorization(row);
    }

    /// <inheritdoc />
    /// <remarks>One statement, run once and never retried: a retry after a lost reply could not tell who won.</remarks>
    public async ValueTask<bool> ConsumePushedAuthorizationAsync(TokenDigest digest, DateTimeOffset consumedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var parameters = new StatementParameters().Digest("digest", digest).Int64("consumed_at", RowMapper.ToUnixMs(consumedAt));
        var affected = await _runner.WriteAsync(
                (connection, ct) => connection.ExecuteAsync(_runner.Command(Statements.ConsumePushedAuthorization, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return affected == 1;
    }
}
