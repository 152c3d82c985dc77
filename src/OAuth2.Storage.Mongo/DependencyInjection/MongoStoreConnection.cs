using MongoDB.Driver;

namespace OAuth2.Storage.Mongo.DependencyInjection;

/// <summary>
/// The <see cref="MongoClient"/> the store opened from a connection string: a singleton the container disposes,
/// so the client's connection pools close with the application.
/// </summary>
internal sealed class MongoStoreConnection(string connectionString, string databaseName) : IDisposable
{
    private readonly MongoClient _client = new(connectionString);

    public IMongoDatabase Database => _client.GetDatabase(databaseName);

    public void Dispose() => _client.Dispose();
}
