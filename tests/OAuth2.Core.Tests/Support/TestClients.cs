using OAuth2.Clients;
using OAuth2.Security;

namespace OAuth2.Core.Tests.Support;

/// <summary>The registered clients every test server knows.</summary>
public static class TestClients
{
    public const string Secret = "s3cret";
    public const string OtherSecret = "other-secret";
    public const string RedirectUri = "https://client.example.com/cb";

    private static readonly string SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret);
    private static readonly string OtherSecretHash = ClientSecretHasher.HashGeneratedSecret(OtherSecret);

    private static readonly string[] AllGrants =
        [GrantTypes.AuthorizationCode, GrantTypes.ClientCredentials, GrantTypes.RefreshToken, GrantTypes.Password];

    /// <summary>c1: confidential, every grant, one redirect URI, no scope restriction.</summary>
    public static OAuth2Client Confidential { get; } = new()
    {
        Id = "c1",
        SecretHash = SecretHash,
        Grants = AllGrants,
        RedirectUris = [RedirectUri],
    };

    /// <summary>c2: a second confidential client.</summary>
    public static OAuth2Client Other { get; } = new()
    {
        Id = "c2",
        SecretHash = OtherSecretHash,
        Grants = AllGrants,
        RedirectUris = ["https://other.example.com/cb"],
    };

    /// <summary>pub1: public, code and refresh grants.</summary>
    public static OAuth2Client Public { get; } = new()
    {
        Id = "pub1",
        Type = ClientType.Public,
        Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials, GrantTypes.Password],
        RedirectUris = [RedirectUri],
    };

    /// <summary>scoped: confidential, limited to <c>read write</c>.</summary>
    public static OAuth2Client Scoped { get; } = new()
    {
        Id = "scoped",
        SecretHash = SecretHash,
        Grants = AllGrants,
        RedirectUris = [RedirectUri],
        Scopes = ["read", "write"],
    };

    /// <summary>cc-only: confidential, client_credentials only.</summary>
    public static OAuth2Client CredentialsOnly { get; } = new()
    {
        Id = "cc-only",
        SecretHash = SecretHash,
        Grants = [GrantTypes.ClientCredentials],
        RedirectUris = [RedirectUri],
    };

    /// <summary>multi: confidential with two registered redirect URIs.</summary>
    public static OAuth2Client Multi { get; } = new()
    {
        Id = "multi",
        SecretHash = SecretHash,
        Grants = AllGrants,
        RedirectUris = [RedirectUri, "https://client.example.com/cb2"],
    };

    /// <summary>none: confidential without any registered redirect URI.</summary>
    public static OAuth2Client NoRedirect { get; } = new()
    {
        Id = "none",
        SecretHash = SecretHash,
        Grants = AllGrants,
    };

    /// <summary>v4: loopback IPv4 native client.</summary>
    public static OAuth2Client LoopbackV4 { get; } = new()
    {
        Id = "v4",
        Type = ClientType.Public,
        Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
        RedirectUris = ["http://127.0.0.1/cb"],
    };

    /// <summary>v6: loopback IPv6 native client.</summary>
    public static OAuth2Client LoopbackV6 { get; } = new()
    {
        Id = "v6",
        Type = ClientType.Public,
        Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
        RedirectUris = ["http://[::1]/cb"],
    };

    /// <summary>v4c: a confidential client registered on a loopback address: exact match only, no port variance.</summary>
    public static OAuth2Client ConfidentialLoopback { get; } = new()
    {
        Id = "v4c",
        SecretHash = SecretHash,
        Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
        RedirectUris = ["http://127.0.0.1:8080/cb", "http://[::1]/cb"],
    };

    /// <summary>localhost: a native client registered with the <c>localhost</c> name (no port variance).</summary>
    public static OAuth2Client Localhost { get; } = new()
    {
        Id = "localhost",
        Type = ClientType.Public,
        Grants = [GrantTypes.AuthorizationCode],
        RedirectUris = ["http://localhost/cb"],
    };

    /// <summary>query: a client whose registered redirect URI carries its own query.</summary>
    public static OAuth2Client WithQuery { get; } = new()
    {
        Id = "query",
        SecretHash = SecretHash,
        Grants = AllGrants,
        RedirectUris = ["https://client.example.com/cb?tenant=a"],
    };

    /// <summary>pkce: confidential client that demands PKCE.</summary>
    public static OAuth2Client PkceRequired { get; } = new()
    {
        Id = "pkce",
        SecretHash = SecretHash,
        Grants = AllGrants,
        RedirectUris = [RedirectUri],
        RequirePkce = true,
    };

    public static IReadOnlyList<OAuth2Client> All { get; } =
        [Confidential, Other, Public, Scoped, CredentialsOnly, Multi, NoRedirect, LoopbackV4, LoopbackV6, ConfidentialLoopback, Localhost, WithQuery, PkceRequired];
}
