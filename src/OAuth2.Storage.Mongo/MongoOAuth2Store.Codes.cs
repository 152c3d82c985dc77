using OAuth2.Storage.Mongo.Documents;
using OAuth2.Storage.Mongo.Errors;
using OAuth2.Tokens;

namespace OAuth2.Storage.Mongo;

public sealed partial class MongoOAuth2Store
{
    /// <inheritdoc />
    public async ValueTask SaveAuthorizationCodeAsync(TokenDigest digest, AuthorizationCode code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(code);
        cancellationToken.ThrowIfCancellationRequested();
        await InsertAsync(_codes, DocumentMapper.ToDocument(digest, code), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<AuthorizationCode?> FindAuthorizationCodeAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        var document = await FindLiveAsync(_codes, digest, mayNeverExpire: false, cancellationToken).ConfigureAwait(false);
        return document is null ? null : DocumentMapper.ToAuthorizationCode(document);
    }

    /// <inheritdoc />
    public ValueTask<RedemptionResult> RedeemAuthorizationCodeAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken) =>
        RedeemAsync(_codes, digest, redeemedAt, mayNeverExpire: false, static d => (d.GrantId, d.RedeemedAt), cancellationToken);

    /// <inheritdoc />
    public async ValueTask<int> RevokeCodesOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grantId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return checked((int)await DeleteGrantAsync(_codes, grantId, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }
}
