using OAuth2.Clients;

namespace OAuth2.Storage.InMemory;

public sealed partial class InMemoryStore
{
    /// <inheritdoc />
    public ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<OAuth2Client?>(cancellationToken);
        }

        return ValueTask.FromResult(_clients.GetValueOrDefault(clientId));
    }

    /// <inheritdoc />
    public ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(client.Id, nameof(client));
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        _clients[client.Id] = Snapshot.Of(client);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        return ValueTask.FromResult(_clients.TryRemove(clientId, out _));
    }
}
