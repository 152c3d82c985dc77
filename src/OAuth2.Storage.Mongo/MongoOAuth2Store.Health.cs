using MongoDB.Bson;
using MongoDB.Driver;
using OAuth2.Storage.Health;
using OAuth2.Storage.Mongo.Errors;

namespace OAuth2.Storage.Mongo;

/// <summary>The health probe: the server's <c>ping</c> command on the store's database.</summary>
public sealed partial class MongoOAuth2Store : IStoreHealthProbe
{
    /// <inheritdoc/>
    public string BackendName => "mongodb";

    /// <inheritdoc/>
    public async ValueTask<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (MongoFailures.IsUnavailable(e))
        {
            throw MongoFailures.Unavailable(e);
        }

        return StoreHealth.Healthy("MongoDB answers");
    }
}
