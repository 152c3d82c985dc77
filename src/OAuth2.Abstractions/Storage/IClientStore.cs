using OAuth2.Clients;

namespace OAuth2.Storage;

/// <summary>Persists registered clients. Lookups are exact: ids that differ only in case are different clients.</summary>
public interface IClientStore
{
    ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the client with the same id.</summary>
    ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken);

    /// <summary>Removes a client; <c>true</c> when it existed.</summary>
    /// <remarks>
    /// Only the client: its tokens stay valid until they expire. To retire a client for good, also call
    /// <see cref="ITokenStore.RevokeTokensOfClientAsync"/> (the registration endpoint's DELETE does both).
    /// </remarks>
    ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken);
}
