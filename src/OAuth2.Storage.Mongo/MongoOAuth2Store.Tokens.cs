using MongoDB.Driver;
using OAuth2.Storage.Mongo.Documents;
using OAuth2.Storage.Mongo.Errors;
using OAuth2.Storage.Mongo.Queries;
using OAuth2.Tokens;

namespace OAuth2.Storage.Mongo;

public sealed partial class MongoOAuth2Store
{
    /// <inheritdoc />
    /// <remarks>
    /// The two tokens live in two collections, so the pair is two inserts: the access token first, then the
    /// refresh token. If the refresh token cannot be written, the access token is deleted again (a compensating
    /// delete bounded by <see cref="MongoStoreOptions.CompensationTimeout"/>) before the error is thrown. Should
    /// that delete fail too (the server went away between the two), what is left is an access token whose value
    /// nobody was ever given and which the TTL index removes when it expires; the reverse order could instead
    /// strand a refresh token that never expires. See the package README for why no transaction is used.
    /// </remarks>
    public async ValueTask SaveTokensAsync(
        TokenDigest accessTokenDigest,
        AccessToken accessToken,
        TokenDigest? refreshTokenDigest,
        RefreshToken? refreshToken,
        CancellationToken cancellationToken)
    {
        StoreArguments.ThrowIfInvalidTokenPair(accessTokenDigest, accessToken, refreshTokenDigest, refreshToken);

        cancellationToken.ThrowIfCancellationRequested();
        var access = DocumentMapper.ToDocument(accessTokenDigest, accessToken);
        var refresh = refreshToken is null ? null : DocumentMapper.ToDocument(refreshTokenDigest!, refreshToken);

        await InsertAsync(_accessTokens, access, cancellationToken).ConfigureAwait(false);
        if (refresh is null)
        {
            return;
        }

        try
        {
            await InsertAsync(_refreshTokens, refresh, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await CompensateAsync(accessTokenDigest).ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<AccessToken?> FindAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        var document = await FindLiveAsync(_accessTokens, digest, mayNeverExpire: false, cancellationToken).ConfigureAwait(false);
        return document is null ? null : DocumentMapper.ToAccessToken(document);
    }

    /// <inheritdoc />
    public async ValueTask<RefreshToken?> FindRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        var document = await FindLiveAsync(_refreshTokens, digest, mayNeverExpire: true, cancellationToken).ConfigureAwait(false);
        return document is null ? null : DocumentMapper.ToRefreshToken(document);
    }

    /// <inheritdoc />
    public ValueTask<RedemptionResult> RedeemRefreshTokenAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken) =>
        RedeemAsync(_refreshTokens, digest, redeemedAt, mayNeverExpire: true, static d => (d.GrantId, d.RedeemedAt), cancellationToken);

    /// <inheritdoc />
    /// <remarks>An expired token still waiting for the TTL monitor counts as gone: the answer is then <c>false</c>.</remarks>
    public ValueTask<bool> RemoveAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        RemoveLiveAsync(_accessTokens, digest, mayNeverExpire: false, cancellationToken);

    /// <inheritdoc />
    /// <remarks>An expired token still waiting for the TTL monitor counts as gone: the answer is then <c>false</c>.</remarks>
    public ValueTask<bool> RemoveRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken) =>
        RemoveLiveAsync(_refreshTokens, digest, mayNeverExpire: true, cancellationToken);

    /// <inheritdoc />
    /// <remarks>One <c>deleteMany</c> per collection, served by the <c>grantId</c> index.</remarks>
    public async ValueTask<int> RevokeTokensOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grantId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var refresh = await DeleteGrantAsync(_refreshTokens, grantId, cancellationToken).ConfigureAwait(false);
            var access = await DeleteGrantAsync(_accessTokens, grantId, cancellationToken).ConfigureAwait(false);
            return checked((int)(refresh + access));
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>One <c>deleteMany</c> per collection, served by the <c>clientId</c> index; refresh tokens first, so an
    /// interruption leaves no refresh token that could mint a new access token.</remarks>
    public async ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var refresh = await _refreshTokens.DeleteManyAsync(StoreQueries.ByClient<RefreshTokenDocument>(clientId), cancellationToken).ConfigureAwait(false);
            var access = await _accessTokens.DeleteManyAsync(StoreQueries.ByClient<AccessTokenDocument>(clientId), cancellationToken).ConfigureAwait(false);
            return checked((int)(refresh.DeletedCount + access.DeletedCount));
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    private static async ValueTask InsertAsync<T>(IMongoCollection<T> collection, T document, CancellationToken cancellationToken)
    {
        try
        {
            await collection.InsertOneAsync(document, options: null, cancellationToken).ConfigureAwait(false);
        }
        catch (MongoWriteException exception) when (exception.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            // 256-bit values do not collide: the same value was saved twice, which is a caller bug, not an outage.
            throw new InvalidOperationException("An item with this digest is already stored.", exception);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    private async ValueTask CompensateAsync(TokenDigest accessTokenDigest)
    {
        using var timeout = new CancellationTokenSource(_compensationTimeout);
        try
        {
            await _accessTokens.DeleteOneAsync(StoreQueries.ById<AccessTokenDocument>(accessTokenDigest), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException || MongoFailures.IsUnavailable(exception))
        {
            // Best effort: the original failure is what the caller needs to see. What may be left is described above.
        }
    }
}
