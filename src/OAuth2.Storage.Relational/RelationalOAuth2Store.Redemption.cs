using Dapper;
using OAuth2.Tokens;

namespace OAuth2.Storage.Relational;

public sealed partial class RelationalOAuth2Store
{
    /// <summary>
    /// The single-use compare-and-swap. The winner is decided by one UPDATE that only matches an unredeemed,
    /// unexpired row and returns its grant id; a caller that updated nothing then reads the row to tell a replay
    /// (grant id and first redemption time) from an unknown or expired item.
    /// </summary>
    private async ValueTask<RedemptionResult> RedeemAsync(
        SqlStatement redeem,
        SqlStatement findRedemption,
        TokenDigest digest,
        DateTimeOffset redeemedAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var now = NowMs();
        var redeemedAtMs = RowMapper.ToUnixMs(redeemedAt);
        var update = new StatementParameters().Digest("digest", digest).Int64("redeemed_at", redeemedAtMs).Int64("now", now);
        var lookup = new StatementParameters().Digest("digest", digest).Int64("now", now);
        return await _runner.WriteAsync(
                async (connection, ct) =>
                {
                    var grantId = await connection.QueryFirstOrDefaultAsync<string>(_runner.Command(redeem, update, null, ct)).ConfigureAwait(false);
                    if (grantId is not null)
                    {
                        return new RedemptionResult(RedemptionStatus.Redeemed, grantId, RowMapper.FromUnixMs(redeemedAtMs));
                    }

                    var row = await connection.QuerySingleOrDefaultAsync<RedemptionRow>(_runner.Command(findRedemption, lookup, null, ct)).ConfigureAwait(false);
                    return row?.redeemed_at is { } first
                        ? new RedemptionResult(RedemptionStatus.AlreadyRedeemed, row.grant_id, RowMapper.FromUnixMs(first))
                        : RedemptionResult.NotFound;
                },
                cancellationToken)
            .ConfigureAwait(false);
    }
}
