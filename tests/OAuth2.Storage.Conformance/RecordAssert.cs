using OAuth2.Clients;
using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Field-by-field comparison of round-tripped records, with messages that name the field. Instants are compared at
/// millisecond precision and by instant (a non-UTC offset may come back as UTC); collections by content and order.
/// </summary>
internal static class RecordAssert
{
    public static void Equal(OAuth2Client expected, OAuth2Client? actual)
    {
        Assert.True(actual is not null, "Client: expected the saved record, got null (not found).");
        Text(expected.Id, actual.Id, "Client.Id");
        Value(expected.Type, actual.Type, "Client.Type");
        Text(expected.SecretHash, actual.SecretHash, "Client.SecretHash");
        List(expected.RedirectUris, actual.RedirectUris, "Client.RedirectUris");
        List(expected.Grants, actual.Grants, "Client.Grants");
        if (expected.Scopes is null || actual.Scopes is null)
        {
            Assert.True(expected.Scopes is null && actual.Scopes is null, $"Client.Scopes: expected {Show(expected.Scopes)}, got {Show(actual.Scopes)} (null and empty differ).");
        }
        else
        {
            List(expected.Scopes, actual.Scopes, "Client.Scopes");
        }

        Duration(expected.AccessTokenLifetime, actual.AccessTokenLifetime, "Client.AccessTokenLifetime");
        Duration(expected.RefreshTokenLifetime, actual.RefreshTokenLifetime, "Client.RefreshTokenLifetime");
        Value(expected.RequirePkce, actual.RequirePkce, "Client.RequirePkce");
        Value(expected.RequirePushedAuthorizationRequests, actual.RequirePushedAuthorizationRequests, "Client.RequirePushedAuthorizationRequests");
        Bag(expected.Properties, actual.Properties, "Client.Properties");
        Text(expected.TokenEndpointAuthMethod, actual.TokenEndpointAuthMethod, "Client.TokenEndpointAuthMethod");
        Text(expected.Jwks, actual.Jwks, "Client.Jwks");
        List(expected.Resources, actual.Resources, "Client.Resources");
        Value(expected.DpopBoundAccessTokens, actual.DpopBoundAccessTokens, "Client.DpopBoundAccessTokens");
        Text(expected.RegistrationAccessTokenHash, actual.RegistrationAccessTokenHash, "Client.RegistrationAccessTokenHash");
        Instant(expected.ClientSecretExpiresAt, actual.ClientSecretExpiresAt, "Client.ClientSecretExpiresAt");
    }

    public static void Equal(AccessToken expected, AccessToken? actual)
    {
        Assert.True(actual is not null, "AccessToken: expected the saved record, got null (not found).");
        Text(expected.ClientId, actual.ClientId, "AccessToken.ClientId");
        User(expected.User, actual.User, "AccessToken.User");
        List(expected.Scope, actual.Scope, "AccessToken.Scope");
        Instant(expected.IssuedAt, actual.IssuedAt, "AccessToken.IssuedAt");
        Instant(expected.ExpiresAt, actual.ExpiresAt, "AccessToken.ExpiresAt");
        Text(expected.GrantId, actual.GrantId, "AccessToken.GrantId");
        Bag(expected.ExtendedAttributes, actual.ExtendedAttributes, "AccessToken.ExtendedAttributes");
        List(expected.Audience, actual.Audience, "AccessToken.Audience");
        Text(expected.JwkThumbprint, actual.JwkThumbprint, "AccessToken.JwkThumbprint");
    }

    public static void Equal(RefreshToken expected, RefreshToken? actual)
    {
        Assert.True(actual is not null, "RefreshToken: expected the saved record, got null (not found).");
        Text(expected.ClientId, actual.ClientId, "RefreshToken.ClientId");
        User(expected.User, actual.User, "RefreshToken.User");
        List(expected.Scope, actual.Scope, "RefreshToken.Scope");
        Instant(expected.IssuedAt, actual.IssuedAt, "RefreshToken.IssuedAt");
        Instant(expected.ExpiresAt, actual.ExpiresAt, "RefreshToken.ExpiresAt");
        Text(expected.GrantId, actual.GrantId, "RefreshToken.GrantId");
        Instant(expected.RedeemedAt, actual.RedeemedAt, "RefreshToken.RedeemedAt");
        List(expected.Resources, actual.Resources, "RefreshToken.Resources");
        Text(expected.JwkThumbprint, actual.JwkThumbprint, "RefreshToken.JwkThumbprint");
    }

    public static void Equal(AuthorizationCode expected, AuthorizationCode? actual)
    {
        Assert.True(actual is not null, "AuthorizationCode: expected the saved record, got null (not found).");
        Text(expected.ClientId, actual.ClientId, "AuthorizationCode.ClientId");
        User(expected.User, actual.User, "AuthorizationCode.User");
        List(expected.Scope, actual.Scope, "AuthorizationCode.Scope");
        Instant(expected.IssuedAt, actual.IssuedAt, "AuthorizationCode.IssuedAt");
        Instant(expected.ExpiresAt, actual.ExpiresAt, "AuthorizationCode.ExpiresAt");
        Text(expected.RedirectUri, actual.RedirectUri, "AuthorizationCode.RedirectUri");
        Value(expected.RedirectUriSupplied, actual.RedirectUriSupplied, "AuthorizationCode.RedirectUriSupplied");
        Text(expected.CodeChallenge, actual.CodeChallenge, "AuthorizationCode.CodeChallenge");
        Text(expected.CodeChallengeMethod, actual.CodeChallengeMethod, "AuthorizationCode.CodeChallengeMethod");
        Text(expected.GrantId, actual.GrantId, "AuthorizationCode.GrantId");
        Instant(expected.RedeemedAt, actual.RedeemedAt, "AuthorizationCode.RedeemedAt");
        List(expected.Resources, actual.Resources, "AuthorizationCode.Resources");
        Text(expected.DpopJkt, actual.DpopJkt, "AuthorizationCode.DpopJkt");
    }

    public static void Equal(DeviceAuthorization expected, DeviceAuthorization? actual)
    {
        Assert.True(actual is not null, "DeviceAuthorization: expected the saved record, got null (not found).");
        Text(expected.ClientId, actual.ClientId, "DeviceAuthorization.ClientId");
        List(expected.Scope, actual.Scope, "DeviceAuthorization.Scope");
        Instant(expected.IssuedAt, actual.IssuedAt, "DeviceAuthorization.IssuedAt");
        Instant(expected.ExpiresAt, actual.ExpiresAt, "DeviceAuthorization.ExpiresAt");
        Instant(expected.RetainUntil, actual.RetainUntil, "DeviceAuthorization.RetainUntil");
        Text(expected.GrantId, actual.GrantId, "DeviceAuthorization.GrantId");
        Value(expected.PollingIntervalSeconds, actual.PollingIntervalSeconds, "DeviceAuthorization.PollingIntervalSeconds");
        Value(expected.Status, actual.Status, "DeviceAuthorization.Status");
        if (expected.User is null)
        {
            Assert.True(actual.User is null, $"DeviceAuthorization.User: expected null, got {Show(actual.User?.Id)}.");
        }
        else
        {
            User(expected.User, actual.User, "DeviceAuthorization.User");
        }

        Instant(expected.LastPolledAt, actual.LastPolledAt, "DeviceAuthorization.LastPolledAt");
        Instant(expected.RedeemedAt, actual.RedeemedAt, "DeviceAuthorization.RedeemedAt");
        Value(expected.Revision, actual.Revision, "DeviceAuthorization.Revision");
        List(expected.Resources, actual.Resources, "DeviceAuthorization.Resources");
    }

    /// <summary>Same instant to the millisecond (a backend may truncate or round below it); the offset may differ.</summary>
    public static void Instant(DateTimeOffset? expected, DateTimeOffset? actual, string field)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{field}: expected {Show(expected)}, got {Show(actual)}.");
            return;
        }

        var difference = Math.Abs(expected.Value.UtcTicks - actual.Value.UtcTicks);
        Assert.True(
            difference < TimeSpan.TicksPerMillisecond,
            $"{field}: expected the instant {expected.Value.UtcDateTime:O} (given as {expected.Value:O}), got {actual.Value.UtcDateTime:O} (as {actual.Value:O}).");
    }

    private static void User(OAuth2User expected, OAuth2User? actual, string field)
    {
        Assert.True(actual is not null, $"{field}: is null.");
        Text(expected.Id, actual.Id, field + ".Id");
        Bag(expected.Properties, actual.Properties, field + ".Properties");
    }

    private static void Duration(TimeSpan? expected, TimeSpan? actual, string field)
    {
        Assert.True(
            expected is null == actual is null
            && (expected is null || Math.Abs(expected.Value.Ticks - actual!.Value.Ticks) < TimeSpan.TicksPerMillisecond),
            $"{field}: expected {Show(expected)}, got {Show(actual)}.");
    }

    private static void Text(string? expected, string? actual, string field) =>
        Assert.True(string.Equals(expected, actual, StringComparison.Ordinal), $"{field}: expected {Show(expected)}, got {Show(actual)}.");

    private static void Value<T>(T expected, T actual, string field)
        where T : struct =>
        Assert.True(EqualityComparer<T>.Default.Equals(expected, actual), $"{field}: expected {expected}, got {actual}.");

    private static void List(IReadOnlyList<string> expected, IReadOnlyList<string>? actual, string field) =>
        Assert.True(
            actual is not null && expected.SequenceEqual(actual, StringComparer.Ordinal),
            $"{field}: expected {Show(expected)}, got {Show(actual)} (content and order must survive).");

    private static void Bag(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string>? actual, string field)
    {
        Assert.True(actual is not null, $"{field}: is null (an empty bag must come back empty).");
        Assert.True(expected.Count == actual.Count, $"{field}: expected {expected.Count} entries, got {actual.Count}: {Show(actual.Keys.ToList())}.");
        foreach (var (key, value) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var found), $"{field}: key {Show(key)} is missing.");
            Text(value, found, $"{field}[{Show(key)}]");
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => text.Length > 80 ? $"\"{text[..80]}…\" ({text.Length} chars)" : $"\"{text}\"",
        IEnumerable<string> list => "[" + string.Join(", ", list.Select(Show)) + "]",
        DateTimeOffset instant => instant.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };
}
