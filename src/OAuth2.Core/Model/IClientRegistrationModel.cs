using OAuth2.Clients;

namespace OAuth2.Model;

/// <summary>
/// What dynamic client registration (RFC 7591/7592) needs besides <see cref="IClientModel.GetClientAsync"/>: saving
/// (insert or full replacement) and removing a client. <see cref="Storage.StoreBackedModel"/> implements it over its client store.
/// </summary>
public interface IClientRegistrationModel
{
    /// <summary>Inserts the client, or replaces every field of the client with the same id.</summary>
    ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken);

    /// <summary>Removes the client; <c>true</c> when it existed.</summary>
    ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes every access and refresh token issued to the client (RFC 7592 section 2.3: a deleted client's grants
    /// end at once); returns how many were removed. The DELETE of the client configuration endpoint calls it before
    /// and after <see cref="RemoveClientAsync"/>.
    /// </summary>
    ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken);
}
