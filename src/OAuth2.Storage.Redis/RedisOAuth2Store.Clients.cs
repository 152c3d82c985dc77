using OAuth2.Clients;
using OAuth2.Storage.Redis.Errors;
using OAuth2.Storage.Redis.Serialization;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis;

public sealed partial class RedisOAuth2Store
{
    /// <inheritdoc />
    public async ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue value;
        try
        {
            value = await _db.StringGetAsync(_keys.Client(clientId)).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("find a client", e);
        }

        return value.IsNull ? null : RecordMapper.DeserializeClient(((ReadOnlyMemory<byte>)value).Span);
    }

    /// <inheritdoc />
    public async ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        cancellationToken.ThrowIfCancellationRequested();
        var json = RecordMapper.Serialize(client);
        try
        {
            await _db.StringSetAsync(_keys.Client(client.Id), json).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("save a client", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await _db.KeyDeleteAsync(_keys.Client(clientId)).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("remove a client", e);
        }
    }
}
