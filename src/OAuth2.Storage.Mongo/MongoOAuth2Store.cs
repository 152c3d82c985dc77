using MongoDB.Bson;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Documents;
using OAuth2.Storage.Mongo.Errors;
using OAuth2.Storage.Mongo.Queries;
using OAuth2.Tokens;

namespace OAuth2.Storage.Mongo;

/// <summary>
/// An <see cref="IOAuth2Store"/> on MongoDB: one collection per kind of item, tokens, codes and device
/// authorizations keyed by their digest, single use by one atomic <c>findAndModify</c>, device authorization
/// changes by one revision-guarded <c>updateOne</c>, expired data removed by TTL indexes (see
/// <see cref="EnsureIndexesAsync"/>) or by <see cref="PruneExpiredAsync"/>.
/// </summary>
/// <remarks>
/// Every collection is used with write concern <c>majority</c>, read concern <c>majority</c> and primary reads,
/// so a token is readable as soon as saving it returned, on a standalone server as on a replica set, and a read
/// never returns a write that could still be rolled back.
/// </remarks>
public sealed partial class MongoOAuth2Store : IOAuth2Store, IExpiredDataPruner, IStoreInitializer
{
    private readonly IMongoCollection<ClientDocument> _clients;
    private readonly IMongoCollection<AccessTokenDocument> _accessTokens;
    private readonly IMongoCollection<RefreshTokenDocument> _refreshTokens;
    private readonly IMongoCollection<AuthorizationCodeDocument> _codes;
    private readonly IMongoCollection<DeviceAuthorizationDocument> _devices;
    private readonly IMongoCollection<BsonDocument> _failedAttempts;
    private readonly IMongoCollection<BsonDocument> _replayCache;
    private readonly IMongoCollection<BsonDocument> _pushed;
    private readonly TimeProvider _time;
    private readonly TimeSpan _compensationTimeout;

    /// <summary>Creates a store on the application's database.</summary>
    /// <param name="database">The database that holds (or will hold) the store's collections.</param>
    /// <param name="options">Collection names and timeouts; the defaults when <c>null</c>.</param>
    /// <param name="timeProvider">The clock that decides expiry; <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    public MongoOAuth2Store(IMongoDatabase database, MongoStoreOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        options ??= new MongoStoreOptions();
        ArgumentNullException.ThrowIfNull(options.CollectionPrefix, nameof(options.CollectionPrefix));
        if (options.WriteConcernTimeout is { } wtimeout && wtimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), wtimeout, "The write concern timeout must be positive.");
        }

        DocumentClassMaps.EnsureRegistered();
        Database = database;
        _time = timeProvider ?? TimeProvider.System;
        _compensationTimeout = options.CompensationTimeout > TimeSpan.Zero ? options.CompensationTimeout : TimeSpan.FromSeconds(5);

        var settings = CollectionSettings(options);
        _clients = database.GetCollection<ClientDocument>(options.ClientsCollectionName, settings);
        _accessTokens = database.GetCollection<AccessTokenDocument>(options.AccessTokensCollectionName, settings);
        _refreshTokens = database.GetCollection<RefreshTokenDocument>(options.RefreshTokensCollectionName, settings);
        _codes = database.GetCollection<AuthorizationCodeDocument>(options.AuthorizationCodesCollectionName, settings);
        _devices = database.GetCollection<DeviceAuthorizationDocument>(options.DeviceAuthorizationsCollectionName, settings);
        _failedAttempts = database.GetCollection<BsonDocument>(options.FailedAttemptsCollectionName, settings);
        _replayCache = database.GetCollection<BsonDocument>(options.ReplayCacheCollectionName, settings);
        _pushed = database.GetCollection<BsonDocument>(options.PushedAuthorizationsCollectionName, settings);
        _signingKeys = database.GetCollection<BsonDocument>(options.SigningKeysCollectionName, settings);
    }

    /// <summary>The database the store writes to.</summary>
    public IMongoDatabase Database { get; }

    /// <summary>Creates the indexes (idempotent): what a host runs at start-up through <see cref="IStoreInitializer"/>.</summary>
    ValueTask IStoreInitializer.InitializeAsync(CancellationToken cancellationToken) => EnsureIndexesAsync(cancellationToken);

    /// <summary>
    /// Creates the TTL index on <c>expiresAt</c> and the index on <c>grantId</c> of the token and code collections,
    /// the unique <c>userCode</c> index and the TTL index on <c>retainUntil</c> of the device authorizations, and the
    /// TTL index on <c>expireAt</c> and the index on <c>windowEndsAt</c> of the failed-attempt counters, and the index
    /// on <c>clientId</c> of the token collections.
    /// Idempotent: indexes that already exist with the same definition are left alone. Call it once at start-up
    /// (or let your deployment create the indexes; see the package README): the unique <c>userCode</c> index is
    /// what keeps a user code to one device authorization.
    /// </summary>
    public async ValueTask EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _accessTokens.Indexes.CreateManyAsync(StoreIndexes.ForExpiringCollection<AccessTokenDocument>(), cancellationToken).ConfigureAwait(false);
            await _refreshTokens.Indexes.CreateManyAsync(StoreIndexes.ForExpiringCollection<RefreshTokenDocument>(), cancellationToken).ConfigureAwait(false);
            await _codes.Indexes.CreateManyAsync(StoreIndexes.ForExpiringCollection<AuthorizationCodeDocument>(), cancellationToken).ConfigureAwait(false);
            await _devices.Indexes.CreateManyAsync(StoreIndexes.ForDeviceAuthorizations<DeviceAuthorizationDocument>(), cancellationToken).ConfigureAwait(false);
            await _failedAttempts.Indexes.CreateManyAsync(StoreIndexes.ForFailedAttempts<BsonDocument>(), cancellationToken).ConfigureAwait(false);
            await _replayCache.Indexes.CreateManyAsync(StoreIndexes.ForReplayCache<BsonDocument>(), cancellationToken).ConfigureAwait(false);
            await _pushed.Indexes.CreateManyAsync(StoreIndexes.ForPushedAuthorizations<BsonDocument>(), cancellationToken).ConfigureAwait(false);
            await _accessTokens.Indexes.CreateManyAsync(StoreIndexes.ForTokenClients<AccessTokenDocument>(), cancellationToken).ConfigureAwait(false);
            await _refreshTokens.Indexes.CreateManyAsync(StoreIndexes.ForTokenClients<RefreshTokenDocument>(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    internal IMongoCollection<ClientDocument> Clients => _clients;

    internal IMongoCollection<AccessTokenDocument> AccessTokens => _accessTokens;

    internal IMongoCollection<RefreshTokenDocument> RefreshTokens => _refreshTokens;

    internal IMongoCollection<AuthorizationCodeDocument> AuthorizationCodes => _codes;

    internal IMongoCollection<DeviceAuthorizationDocument> DeviceAuthorizations => _devices;

    internal IMongoCollection<BsonDocument> FailedAttemptCounters => _failedAttempts;

    private DateTimeOffset Now => _time.GetUtcNow();

    private static MongoCollectionSettings CollectionSettings(MongoStoreOptions options) => new()
    {
        WriteConcern = options.WriteConcernTimeout is { } wtimeout
            ? new WriteConcern("majority", wTimeout: wtimeout)
            : WriteConcern.WMajority,
        ReadConcern = ReadConcern.Majority,
        ReadPreference = ReadPreference.Primary,
    };

    /// <summary>The compare-and-swap shared by codes and refresh tokens (see <see cref="StoreQueries.Redeem{T}"/>).</summary>
    private async ValueTask<RedemptionResult> RedeemAsync<T>(
        IMongoCollection<T> collection,
        TokenDigest digest,
        DateTimeOffset redeemedAt,
        bool mayNeverExpire,
        Func<T, (string GrantId, DateTime? RedeemedAt)> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        T? before;
        try
        {
            before = await collection.FindOneAndUpdateAsync(
                StoreQueries.Live<T>(digest, Now, mayNeverExpire),
                StoreQueries.Redeem<T>(redeemedAt),
                new FindOneAndUpdateOptions<T> { ReturnDocument = ReturnDocument.Before },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }

        if (before is null)
        {
            return RedemptionResult.NotFound;
        }

        var (grantId, previous) = read(before);
        return previous is { } first
            ? new RedemptionResult(RedemptionStatus.AlreadyRedeemed, grantId, DocumentMapper.Utc(first))
            : new RedemptionResult(RedemptionStatus.Redeemed, grantId, DocumentMapper.Utc(StoreQueries.Date(redeemedAt).ToUniversalTime()));
    }

    private async ValueTask<T?> FindLiveAsync<T>(IMongoCollection<T> collection, TokenDigest digest, bool mayNeverExpire, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await collection.Find(StoreQueries.Live<T>(digest, Now, mayNeverExpire))
                .Limit(1)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    private async ValueTask<bool> RemoveLiveAsync<T>(IMongoCollection<T> collection, TokenDigest digest, bool mayNeverExpire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var result = await collection.DeleteOneAsync(StoreQueries.Live<T>(digest, Now, mayNeverExpire), cancellationToken).ConfigureAwait(false);
            return result.DeletedCount > 0;
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    private static async ValueTask<long> DeleteGrantAsync<T>(IMongoCollection<T> collection, string grantId, CancellationToken cancellationToken)
    {
        var result = await collection.DeleteManyAsync(StoreQueries.ByGrant<T>(grantId), cancellationToken).ConfigureAwait(false);
        return result.DeletedCount;
    }
}
