using System.Collections.Concurrent;
using System.Text;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Driver;
using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.Mongo.Tests;

/// <summary>
/// Runs the suite against the server named by <c>OAUTH2_MONGO_URL</c>; every store gets a database of its own,
/// dropped when the fixture is disposed. Without the variable every case is skipped.
/// </summary>
public sealed class MongoFixture : StoreFixture, IFailedAttemptStoreFixture, IReplayCacheFixture
{
    public const string UrlVariable = "OAUTH2_MONGO_URL";
    public const string SkipReason = "OAUTH2_MONGO_URL is not set: no MongoDB server to run the conformance suite against";

    private readonly MongoClient? _client;
    private readonly ConcurrentDictionary<IOAuth2Store, string> _databases = new(ReferenceEqualityComparer.Instance);

    public MongoFixture()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (!string.IsNullOrWhiteSpace(url))
        {
            _client = new MongoClient(url);
        }
    }

    /// <summary>
    /// The TTL monitor runs about once a minute, far longer than the suite waits for native expiry: the store is
    /// checked through <see cref="IExpiredDataPruner"/> instead.
    /// </summary>
    public override bool ExpiresItemsNatively => false;

    public override async ValueTask<IOAuth2Store> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        await CreateMongoStoreAsync(null, timeProvider, cancellationToken);

    public async ValueTask<IFailedAttemptStore> CreateFailedAttemptStoreAsync(CancellationToken cancellationToken) =>
        await CreateMongoStoreAsync(null, null, cancellationToken);

    public async ValueTask<IReplayCache> CreateReplayCacheAsync(CancellationToken cancellationToken) =>
        await CreateMongoStoreAsync(null, null, cancellationToken);

    /// <summary>A fresh store in a database of its own, with its indexes created.</summary>
    public async ValueTask<MongoOAuth2Store> CreateMongoStoreAsync(MongoStoreOptions? options, TimeProvider? time, CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            Assert.Skip(SkipReason);
        }

        var name = "oauth2_test_" + Guid.NewGuid().ToString("N");
        var store = new MongoOAuth2Store(_client.GetDatabase(name), options, time);
        _databases[store] = name;
        await store.EnsureIndexesAsync(cancellationToken);
        return store;
    }

    /// <summary>Every document of the store's database as relaxed extended JSON, one collection after another.</summary>
    public override async ValueTask<string?> DumpAsync(IOAuth2Store store, CancellationToken cancellationToken)
    {
        if (_client is null || !_databases.TryGetValue(store, out var name))
        {
            return null;
        }

        var database = _client.GetDatabase(name);
        var settings = new JsonWriterSettings { OutputMode = JsonOutputMode.RelaxedExtendedJson };
        var dump = new StringBuilder();
        var collections = await (await database.ListCollectionNamesAsync(cancellationToken: cancellationToken)).ToListAsync(cancellationToken);
        foreach (var collection in collections.Order(StringComparer.Ordinal))
        {
            dump.Append(collection).Append(':').AppendLine();
            var documents = await database.GetCollection<BsonDocument>(collection)
                .Find(FilterDefinition<BsonDocument>.Empty)
                .ToListAsync(cancellationToken);
            foreach (var document in documents)
            {
                dump.AppendLine(document.ToJson(settings));
            }
        }

        return dump.ToString();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            foreach (var name in _databases.Values)
            {
                await _client.DropDatabaseAsync(name);
            }

            _client.Dispose();
        }

        await base.DisposeAsync();
    }
}
