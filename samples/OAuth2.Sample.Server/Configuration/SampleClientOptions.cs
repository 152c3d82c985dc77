using OAuth2.Clients;

namespace OAuth2.Sample.Server.Configuration;

/// <summary>A client as written in configuration (<c>OAuth2:Clients:N</c>); the secret is plaintext here and hashed before it reaches the store.</summary>
public sealed class SampleClientOptions
{
    public string ClientId { get; set; } = "";

    /// <summary>Plaintext demo secret; hashed with <see cref="Security.ClientSecretHasher"/> at start-up.</summary>
    public string? ClientSecret { get; set; }

    public string? Name { get; set; }

    public ClientType Type { get; set; } = ClientType.Confidential;

    public List<string> Grants { get; set; } = [];

    public List<string> RedirectUris { get; set; } = [];

    public List<string>? Scopes { get; set; }

    /// <summary>
    /// Lets this client introspect any token (a resource server, RFC 7662 section 4); stored as
    /// <see cref="ClientPermissions.IntrospectionProperty"/>. Other clients see only their own tokens.
    /// </summary>
    public bool MayIntrospect { get; set; }

    /// <summary>
    /// A file holding the client's PUBLIC JWK set (RFC 7517 JSON). Set, the client authenticates with
    /// <c>private_key_jwt</c> only (RFC 7523) and needs no secret; the private key stays with the client.
    /// </summary>
    public string? JwksFile { get; set; }

    /// <summary>The public JWK set as JSON text, for a <c>--OAuth2:Clients:N:Jwks=...</c> argument; <see cref="JwksFile"/> wins.</summary>
    public string? Jwks { get; set; }
}
