using OAuth2.Clients;

namespace OAuth2.Model;

/// <summary>Node's <c>getClient</c>: required by every endpoint. The core verifies the secret against the client's hash.</summary>
public interface IClientModel
{
    ValueTask<OAuth2Client?> GetClientAsync(string clientId, CancellationToken cancellationToken);
}
