using System.Collections.ObjectModel;
using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage.Mongo.Documents;

/// <summary>Converts between the core records and the stored documents (dates as UTC, lifetimes as ticks).</summary>
internal static class DocumentMapper
{
    private const string Confidential = "confidential";
    private const string Public = "public";
    private const string Pending = "pending";
    private const string Approved = "approved";
    private const string Denied = "denied";

    public static ClientDocument ToDocument(OAuth2Client client) => new()
    {
        Id = client.Id,
        Type = client.Type switch
        {
            ClientType.Confidential => Confidential,
            ClientType.Public => Public,
            _ => throw new ArgumentOutOfRangeException(nameof(client), client.Type, "Unknown client type."),
        },
        SecretHash = client.SecretHash,
        RedirectUris = [.. client.RedirectUris],
        Grants = [.. client.Grants],
        Scopes = client.Scopes is null ? null : [.. client.Scopes],
        AccessTokenLifetimeTicks = client.AccessTokenLifetime?.Ticks,
        RefreshTokenLifetimeTicks = client.RefreshTokenLifetime?.Ticks,
        RequirePkce = client.RequirePkce,
        Properties = Bag(client.Properties),
        TokenEndpointAuthMethod = client.TokenEndpointAuthMethod,
        Jwks = client.Jwks,
        Resources = [.. client.Resources],
        DpopBoundAccessTokens = client.DpopBoundAccessTokens,
        RequirePushedAuthorizationRequests = client.RequirePushedAuthorizationRequests,
        RegistrationAccessTokenHash = client.RegistrationAccessTokenHash,
        ClientSecretExpiresAt = client.ClientSecretExpiresAt?.UtcDateTime,
    };

    public static OAuth2Client ToClient(ClientDocument document) => new()
    {
        Id = document.Id,
        Type = document.Type switch
        {
            Confidential => ClientType.Confidential,
            Public => ClientType.Public,
            _ => throw new FormatException($"Stored client '{document.Id}' has an unknown type '{document.Type}'."),
        },
        SecretHash = document.SecretHash,
        RedirectUris = document.RedirectUris ?? [],
        Grants = document.Grants ?? [],
        Scopes = document.Scopes,
        AccessTokenLifetime = document.AccessTokenLifetimeTicks is { } access ? TimeSpan.FromTicks(access) : null,
        RefreshTokenLifetime = document.RefreshTokenLifetimeTicks is { } refresh ? TimeSpan.FromTicks(refresh) : null,
        RequirePkce = document.RequirePkce,
        Properties = ReadOnly(document.Properties),
        TokenEndpointAuthMethod = document.TokenEndpointAuthMethod,
        Jwks = document.Jwks,
        Resources = document.Resources ?? [],
        DpopBoundAccessTokens = document.DpopBoundAccessTokens,
        RequirePushedAuthorizationRequests = document.RequirePushedAuthorizationRequests,
        RegistrationAccessTokenHash = document.RegistrationAccessTokenHash,
        ClientSecretExpiresAt = document.ClientSecretExpiresAt is { } secretExpiresAt ? Utc(secretExpiresAt) : null,
    };

    public static AccessTokenDocument ToDocument(TokenDigest digest, AccessToken token) => new()
    {
        Id = digest.ToArray(),
        ClientId = token.ClientId,
        User = ToDocument(token.User),
        Scope = [.. token.Scope],
        IssuedAt = token.IssuedAt.UtcDateTime,
        ExpiresAt = token.ExpiresAt.UtcDateTime,
        GrantId = token.GrantId,
        ExtendedAttributes = Bag(token.ExtendedAttributes),
        Audience = [.. token.Audience],
        JwkThumbprint = token.JwkThumbprint,
    };

    public static AccessToken ToAccessToken(AccessTokenDocument document) => new()
    {
        ClientId = document.ClientId,
        User = ToUser(document.User),
        Scope = document.Scope ?? [],
        IssuedAt = Utc(document.IssuedAt),
        ExpiresAt = Utc(document.ExpiresAt),
        GrantId = document.GrantId,
        ExtendedAttributes = ReadOnly(document.ExtendedAttributes),
        Audience = document.Audience ?? [],
        JwkThumbprint = document.JwkThumbprint,
    };

    public static RefreshTokenDocument ToDocument(TokenDigest digest, RefreshToken token) => new()
    {
        Id = digest.ToArray(),
        ClientId = token.ClientId,
        User = ToDocument(token.User),
        Scope = [.. token.Scope],
        IssuedAt = token.IssuedAt.UtcDateTime,
        ExpiresAt = token.ExpiresAt?.UtcDateTime,
        GrantId = token.GrantId,
        RedeemedAt = token.RedeemedAt?.UtcDateTime,
        Resources = [.. token.Resources],
        JwkThumbprint = token.JwkThumbprint,
    };

    public static RefreshToken ToRefreshToken(RefreshTokenDocument document) => new()
    {
        ClientId = document.ClientId,
        User = ToUser(document.User),
        Scope = document.Scope ?? [],
        IssuedAt = Utc(document.IssuedAt),
        ExpiresAt = document.ExpiresAt is { } expiresAt ? Utc(expiresAt) : null,
        GrantId = document.GrantId,
        RedeemedAt = document.RedeemedAt is { } redeemedAt ? Utc(redeemedAt) : null,
        Resources = document.Resources ?? [],
        JwkThumbprint = document.JwkThumbprint,
    };

    public static AuthorizationCodeDocument ToDocument(TokenDigest digest, AuthorizationCode code) => new()
    {
        Id = digest.ToArray(),
        ClientId = code.ClientId,
        User = ToDocument(code.User),
        Scope = [.. code.Scope],
        IssuedAt = code.IssuedAt.UtcDateTime,
        ExpiresAt = code.ExpiresAt.UtcDateTime,
        RedirectUri = code.RedirectUri,
        RedirectUriSupplied = code.RedirectUriSupplied,
        CodeChallenge = code.CodeChallenge,
        CodeChallengeMethod = code.CodeChallengeMethod,
        GrantId = code.GrantId,
        RedeemedAt = code.RedeemedAt?.UtcDateTime,
        Resources = [.. code.Resources],
        DpopJkt = code.DpopJkt,
    };

    public static AuthorizationCode ToAuthorizationCode(AuthorizationCodeDocument document) => new()
    {
        ClientId = document.ClientId,
        User = ToUser(document.User),
        Scope = document.Scope ?? [],
        IssuedAt = Utc(document.IssuedAt),
        ExpiresAt = Utc(document.ExpiresAt),
        RedirectUri = document.RedirectUri,
        RedirectUriSupplied = document.RedirectUriSupplied,
        CodeChallenge = document.CodeChallenge,
        CodeChallengeMethod = document.CodeChallengeMethod,
        GrantId = document.GrantId,
        RedeemedAt = document.RedeemedAt is { } redeemedAt ? Utc(redeemedAt) : null,
        Resources = document.Resources ?? [],
        DpopJkt = document.DpopJkt,
    };

    public static DeviceAuthorizationDocument ToDocument(TokenDigest deviceCodeDigest, TokenDigest userCodeDigest, DeviceAuthorization authorization) => new()
    {
        Id = deviceCodeDigest.ToArray(),
        UserCode = userCodeDigest.ToArray(),
        ClientId = authorization.ClientId,
        Scope = [.. authorization.Scope],
        IssuedAt = authorization.IssuedAt.UtcDateTime,
        ExpiresAt = authorization.ExpiresAt.UtcDateTime,
        RetainUntil = authorization.RetainUntil.UtcDateTime,
        GrantId = authorization.GrantId,
        PollingIntervalSeconds = authorization.PollingIntervalSeconds,
        Status = authorization.Status switch
        {
            DeviceAuthorizationStatus.Pending => Pending,
            DeviceAuthorizationStatus.Approved => Approved,
            DeviceAuthorizationStatus.Denied => Denied,
            _ => throw new ArgumentOutOfRangeException(nameof(authorization), authorization.Status, "Unknown device authorization status."),
        },
        User = authorization.User is { } user ? ToDocument(user) : null,
        LastPolledAt = authorization.LastPolledAt?.UtcDateTime,
        RedeemedAt = authorization.RedeemedAt?.UtcDateTime,
        Revision = authorization.Revision,
        Resources = [.. authorization.Resources],
    };

    public static DeviceAuthorization ToDeviceAuthorization(DeviceAuthorizationDocument document) => new()
    {
        ClientId = document.ClientId,
        Scope = document.Scope ?? [],
        IssuedAt = Utc(document.IssuedAt),
        ExpiresAt = Utc(document.ExpiresAt),
        RetainUntil = Utc(document.RetainUntil),
        GrantId = document.GrantId,
        PollingIntervalSeconds = document.PollingIntervalSeconds,
        Status = document.Status switch
        {
            Pending => DeviceAuthorizationStatus.Pending,
            Approved => DeviceAuthorizationStatus.Approved,
            Denied => DeviceAuthorizationStatus.Denied,
            _ => throw new FormatException($"A stored device authorization has an unknown status '{document.Status}'."),
        },
        User = document.User is null ? null : ToUser(document.User),
        LastPolledAt = document.LastPolledAt is { } lastPolledAt ? Utc(lastPolledAt) : null,
        RedeemedAt = document.RedeemedAt is { } redeemedAt ? Utc(redeemedAt) : null,
        Revision = document.Revision,
        Resources = document.Resources ?? [],
    };

    /// <summary>A stored date as a <see cref="DateTimeOffset"/> with offset zero.</summary>
    public static DateTimeOffset Utc(DateTime value) =>
        new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);

    private static UserDocument ToDocument(OAuth2User user) => new() { Id = user.Id, Properties = Bag(user.Properties) };

    private static OAuth2User ToUser(UserDocument? document) =>
        document is null
            ? throw new FormatException("A stored token has no user.")
            : new OAuth2User(document.Id) { Properties = ReadOnly(document.Properties) };

    private static Dictionary<string, string> Bag(IReadOnlyDictionary<string, string> values)
    {
        var bag = new Dictionary<string, string>(values.Count, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            bag.Add(key, value);
        }

        return bag;
    }

    private static ReadOnlyDictionary<string, string> ReadOnly(Dictionary<string, string>? values) =>
        values is null || values.Count == 0
            ? ReadOnlyDictionary<string, string>.Empty
            : new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(values, StringComparer.Ordinal));
}
