using OAuth2.Clients;
using OAuth2.Security;

namespace OAuth2.Sample.Server.Configuration;

/// <summary>Turns configured clients into store records, hashing secrets so the store never holds a plaintext one.</summary>
public static class ClientRegistration
{
    public static OAuth2Client ToClient(SampleClientOptions options, int secretHashIterations = ClientSecretHasher.Pbkdf2Iterations)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            throw new InvalidOperationException("OAuth2:Clients: every client needs a ClientId.");
        }

        var hasSecret = !string.IsNullOrEmpty(options.ClientSecret);
        var jwks = !string.IsNullOrEmpty(options.JwksFile) ? File.ReadAllText(options.JwksFile) : options.Jwks;
        var hasKeys = !string.IsNullOrEmpty(jwks);
        if (hasKeys && (hasSecret || options.Type == ClientType.Public))
        {
            throw new InvalidOperationException($"OAuth2:Clients: client '{options.ClientId}' registers keys (private_key_jwt), so it must be confidential and have no ClientSecret.");
        }

        if (options.Type == ClientType.Confidential && !hasSecret && !hasKeys)
        {
            throw new InvalidOperationException($"OAuth2:Clients: confidential client '{options.ClientId}' needs a ClientSecret (or a JwksFile for private_key_jwt).");
        }

        if (options.Type == ClientType.Public && hasSecret)
        {
            throw new InvalidOperationException($"OAuth2:Clients: public client '{options.ClientId}' must not have a ClientSecret.");
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.Name))
        {
            properties["name"] = options.Name;
        }

        if (options.MayIntrospect)
        {
            properties[ClientPermissions.IntrospectionProperty] = "true";
        }

        return new OAuth2Client
        {
            Id = options.ClientId,
            Type = options.Type,
            SecretHash = hasSecret ? ClientSecretHasher.HashChosenSecret(options.ClientSecret!, secretHashIterations) : null,
            Grants = [.. options.Grants],
            RedirectUris = [.. options.RedirectUris],
            Scopes = options.Scopes is null ? null : [.. options.Scopes],
            Properties = properties,
            TokenEndpointAuthMethod = hasKeys ? TokenEndpointAuthMethods.PrivateKeyJwt : null,
            Jwks = hasKeys ? jwks : null,
        };
    }
}
