using System.Buffers.Text;
using OAuth2.Clients;
using OAuth2.Security;
using OAuth2.Tokens;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Builds records for the cases: random ids and digests (so cases never collide, even on a shared backend), live
/// expiries an hour away, and deliberately awkward values for the round-trip cases.
/// </summary>
internal sealed class TestData(TimeProvider clock)
{
    /// <summary>Astral (surrogate-pair) characters, combining marks, right-to-left text, CJK, quotes and SQL/JSON metacharacters.</summary>
    public const string Unicode = "Zoë Ångström — 日本語 👩‍💻🔐 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 e\u0301 שלום \"quoted\" 'single' \\back\\slash {json: [1]} %_ ; DROP TABLE x; --";

    /// <summary>Non-ASCII for identifiers: short enough for any sensible column, with an astral character.</summary>
    public const string UnicodeId = "Zoë-日本-🔐-𝔘";

    /// <summary>The case's clock: the fake clock the store was given.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>A value of about 4 KB, different every call.</summary>
    public string Long(char fill = 'x') => Id("long") + new string(fill, 4096);

    public string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public TokenDigest Digest() => TokenDigest.Compute(TokenGenerator.Generate());

    /// <summary>A generated credential value with its digest, for the cases that must prove the value itself is not stored.</summary>
    public (string Value, TokenDigest Digest) Credential()
    {
        var value = TokenGenerator.Generate();
        return (value, TokenDigest.Compute(value));
    }

    /// <summary>The same digest with its last byte changed: a different key that a truncated or hash-code key would confuse.</summary>
    public TokenDigest Neighbour(TokenDigest digest)
    {
        var bytes = digest.ToArray();
        bytes[^1] ^= 0x01;
        return TokenDigest.FromBytes(bytes);
    }

    public OAuth2User User(string? id = null) => new(id ?? Id("user"));

    public OAuth2User RichUser() => new(Id("user-" + UnicodeId))
    {
        Properties = new Dictionary<string, string>
        {
            ["name"] = Unicode,
            ["email"] = "zoë@example.com",
            ["https://example.com/claims/tenant.id"] = "tenant-1",
            ["empty"] = string.Empty,
            ["long"] = Long('u'),
        },
    };

    public OAuth2Client Client(string? id = null) => new()
    {
        Id = id ?? Id("client"),
        SecretHash = ClientSecretHasher.HashGeneratedSecret(ClientSecretHasher.GenerateSecret()),
        RedirectUris = ["https://app.example.com/callback"],
        Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
    };

    public OAuth2Client RichClient(string? id = null) => new()
    {
        Id = id ?? Id("client"),
        Type = ClientType.Confidential,
        SecretHash = ClientSecretHasher.HashGeneratedSecret(ClientSecretHasher.GenerateSecret()),
        RedirectUris =
        [
            "https://app.example.com/callback",
            "http://127.0.0.1/callback",
            "com.example.app:/oauth2redirect",
            "https://app.example.com/" + Uri.EscapeDataString(Unicode) + "?q=" + new string('r', 2000),
        ],
        Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials, "urn:ietf:params:oauth:grant-type:device_code"],
        Scopes = ["openid", "profile", "https://api.example.com/read", "user:email", "z-last", "a-first"],
        AccessTokenLifetime = TimeSpan.FromMinutes(15),
        RefreshTokenLifetime = TimeSpan.FromDays(30) + TimeSpan.FromMilliseconds(250),
        RequirePkce = true,
        RequirePushedAuthorizationRequests = true,
        Properties = new Dictionary<string, string>
        {
            ["display_name"] = Unicode,
            ["contacts"] = "ops@example.com,dev@example.com",
            ["https://example.com/claims/tenant.id"] = "tenant-1",
            ["empty"] = string.Empty,
            ["long"] = Long('c'),
        },
        TokenEndpointAuthMethod = "private_key_jwt",
        Jwks = ClientJwks,
        RegistrationAccessTokenHash = ClientSecretHasher.HashGeneratedSecret(ClientSecretHasher.GenerateSecret()),
        ClientSecretExpiresAt = new DateTimeOffset(Now.AddDays(30).UtcDateTime.Ticks + 2468, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(2)),
    };

    /// <summary>A registered JWK set as a client sends it (RFC 7517 JSON text, kept byte for byte, key order and spacing included).</summary>
    public const string ClientJwks = """
        {"keys": [{"kty":"EC","crv":"P-256","kid":"ké-1","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},
          {"kty":"RSA","kid":"r1","e":"AQAB","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}]}
        """;

    public AccessToken AccessToken(string? grantId = null, string? clientId = null, OAuth2User? user = null) => new()
    {
        ClientId = clientId ?? Id("client"),
        User = user ?? User(),
        Scope = ["read", "write"],
        IssuedAt = Now,
        ExpiresAt = Now.AddHours(1),
        GrantId = grantId ?? Id("grant"),
    };

    public AccessToken RichAccessToken() => new()
    {
        ClientId = Id("client-" + UnicodeId),
        User = RichUser(),
        Scope = ["openid", "profile", "https://api.example.com/read", "user:email", "z-last", "a-first"],
        // Sub-millisecond ticks and non-UTC offsets: the instant must survive, to the millisecond.
        IssuedAt = new DateTimeOffset(Now.UtcDateTime.Ticks + 1234, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(5.5)),
        ExpiresAt = new DateTimeOffset(Now.AddHours(1).UtcDateTime.Ticks + 5678, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(-8)),
        GrantId = Id("grant-" + UnicodeId),
        ExtendedAttributes = new Dictionary<string, string>
        {
            ["id_token"] = Long('i'),
            ["tenant"] = Unicode,
            ["https://example.com/attr.x"] = "x",
            ["empty"] = string.Empty,
        },
    };

    public RefreshToken RefreshToken(string? grantId = null, string? clientId = null, OAuth2User? user = null) => new()
    {
        ClientId = clientId ?? Id("client"),
        User = user ?? User(),
        Scope = ["read", "write"],
        IssuedAt = Now,
        ExpiresAt = Now.AddDays(1),
        GrantId = grantId ?? Id("grant"),
    };

    /// <summary>A refresh token belonging to <paramref name="accessToken"/> (same grant, client, user and scope).</summary>
    public RefreshToken RefreshTokenFor(AccessToken accessToken) => new()
    {
        ClientId = accessToken.ClientId,
        User = accessToken.User,
        Scope = accessToken.Scope,
        IssuedAt = accessToken.IssuedAt,
        ExpiresAt = accessToken.IssuedAt.AddDays(14),
        GrantId = accessToken.GrantId,
    };

    public AuthorizationCode Code(string? grantId = null, string? clientId = null, OAuth2User? user = null) => new()
    {
        ClientId = clientId ?? Id("client"),
        User = user ?? User(),
        Scope = ["read"],
        IssuedAt = Now,
        ExpiresAt = Now.AddMinutes(10),
        RedirectUri = "https://app.example.com/callback",
        RedirectUriSupplied = true,
        CodeChallenge = Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray())),
        CodeChallengeMethod = "S256",
        GrantId = grantId ?? Id("grant"),
    };

    public AuthorizationCode RichCode() => new()
    {
        ClientId = Id("client-" + UnicodeId),
        User = RichUser(),
        Scope = ["openid", "profile", "https://api.example.com/read", "z-last", "a-first"],
        IssuedAt = new DateTimeOffset(Now.UtcDateTime.Ticks + 4321, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(9)),
        ExpiresAt = new DateTimeOffset(Now.AddMinutes(10).UtcDateTime.Ticks + 8765, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(-3.5)),
        RedirectUri = "https://app.example.com/" + Uri.EscapeDataString(Unicode) + "?state=" + new string('s', 2000),
        RedirectUriSupplied = true,
        CodeChallenge = Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray())),
        CodeChallengeMethod = "S256",
        GrantId = Id("grant-" + UnicodeId),
    };

    /// <summary>A user code as the core makes them: eight letters of RFC 8628's 20-consonant alphabet, random per call.</summary>
    public string UserCode()
    {
        const string alphabet = "BCDFGHJKLMNPQRSTVWXZ";
        return string.Create(8, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }

    public DeviceAuthorization DeviceAuthorization(string? clientId = null) => new()
    {
        ClientId = clientId ?? Id("client"),
        Scope = ["read"],
        IssuedAt = Now,
        ExpiresAt = Now.AddMinutes(10),
        RetainUntil = Now.AddMinutes(20),
        GrantId = Id("grant"),
        PollingIntervalSeconds = 5,
    };

    /// <summary>An approved, polled, redeemed authorization with awkward values in every field.</summary>
    public DeviceAuthorization RichDeviceAuthorization() => new()
    {
        ClientId = Id("client-" + UnicodeId),
        Scope = ["openid", "profile", "https://api.example.com/read", "z-last", "a-first"],
        IssuedAt = new DateTimeOffset(Now.UtcDateTime.Ticks + 1111, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(2)),
        ExpiresAt = new DateTimeOffset(Now.AddMinutes(10).UtcDateTime.Ticks + 2222, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(-5)),
        RetainUntil = new DateTimeOffset(Now.AddMinutes(20).UtcDateTime.Ticks + 3333, TimeSpan.Zero),
        GrantId = Id("grant-" + UnicodeId),
        PollingIntervalSeconds = 15,
        Status = DeviceAuthorizationStatus.Approved,
        User = RichUser(),
        LastPolledAt = new DateTimeOffset(Now.AddSeconds(30).UtcDateTime.Ticks + 4444, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(5.5)),
        RedeemedAt = new DateTimeOffset(Now.AddSeconds(31).UtcDateTime.Ticks + 5555, TimeSpan.Zero),
        Revision = 4_000_000_000L,
    };
}
