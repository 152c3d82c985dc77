using MongoDB.Driver;
using OAuth2.Clients;
using OAuth2.Storage.Mongo.Documents;
using OAuth2.Storage.Mongo.Errors;
using OAuth2.Storage.Mongo.Queries;

namespace OAuth2.Storage.Mongo;

public sealed partial class MongoOAuth2Store
{
    /// <inheritdoc />
    public async ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var document = await _clients.Find(StoreQueries.ById<ClientDocument>(clientId))
                .Limit(1)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : DocumentMapper.ToClient(document);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        cancellationToken.ThrowIfCancellationRequested();
        var document = DocumentMapper.ToDocument(client);
        try
        {
            await _clients.ReplaceOneAsync(
                StoreQueries.ById<ClientDocument>(client.Id),
                document,
                new ReplaceOptions { IsUpsert = true },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var result = await _clients.DeleteOneAsync(StoreQueries.ById<ClientDocument>(clientId), cancellationToken).ConfigureAwait(false);
            return result.DeletedCount > 0;
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }
}
