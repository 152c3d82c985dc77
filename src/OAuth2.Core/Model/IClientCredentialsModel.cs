using OAuth2.Clients;

namespace OAuth2.Model;

/// <summary>Node's <c>getUserFromClient</c>: required by the <c>client_credentials</c> grant.</summary>
public interface IClientCredentialsModel
{
    /// <summary>The user a client acts as; <c>null</c> refuses the grant.</summary>
    ValueTask<OAuth2User?> GetUserFromClientAsync(OAuth2Client client, CancellationToken cancellationToken);
}
