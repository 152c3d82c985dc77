using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;
using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage.InMemory;

/// <summary>
/// Copies what a caller hands the store into collections nobody else holds, so that mutating a list after saving
/// it cannot change stored state (a database would have serialised it). Collections that are already immutable
/// are kept as they are, so a record read back from the store is saved again without copying.
/// </summary>
internal static class Snapshot
{
    public static IReadOnlyList<string> Of(IReadOnlyList<string> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Count == 0)
        {
            return [];
        }

        if (source is ImmutableArray<string> or ImmutableList<string>)
        {
            return source;
        }

        var copy = new string[source.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = source[i];
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(copy);
    }

    public static IReadOnlyList<string>? OfNullable(IReadOnlyList<string>? source) => source is null ? null : Of(source);

    public static IReadOnlyDictionary<string, string> Of(IReadOnlyDictionary<string, string> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Count == 0)
        {
            return System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
        }

        if (source is FrozenDictionary<string, string> or ImmutableDictionary<string, string> or SnapshotDictionary)
        {
            return source;
        }

        var copy = new Dictionary<string, string>(source.Count, StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            copy.Add(key, value);
        }

        return new SnapshotDictionary(copy);
    }

    public static OAuth2User Of(OAuth2User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var properties = Of(user.Properties);
        return ReferenceEquals(properties, user.Properties) ? user : user with { Properties = properties };
    }

    public static OAuth2Client Of(OAuth2Client client)
    {
        var redirectUris = Of(client.RedirectUris);
        var grants = Of(client.Grants);
        var scopes = OfNullable(client.Scopes);
        var properties = Of(client.Properties);
        var resources = Of(client.Resources);
        return ReferenceEquals(redirectUris, client.RedirectUris)
            && ReferenceEquals(grants, client.Grants)
            && ReferenceEquals(scopes, client.Scopes)
            && ReferenceEquals(properties, client.Properties)
            && ReferenceEquals(resources, client.Resources)
            ? client
            : client with { RedirectUris = redirectUris, Grants = grants, Scopes = scopes, Properties = properties, Resources = resources };
    }

    public static AccessToken Of(AccessToken token)
    {
        var user = Of(token.User);
        var scope = Of(token.Scope);
        var attributes = Of(token.ExtendedAttributes);
        var audience = Of(token.Audience);
        return ReferenceEquals(user, token.User) && ReferenceEquals(scope, token.Scope) && ReferenceEquals(attributes, token.ExtendedAttributes)
            && ReferenceEquals(audience, token.Audience)
            ? token
            : token with { User = user, Scope = scope, ExtendedAttributes = attributes, Audience = audience };
    }

    /// <summary>
    /// Copies a refresh token saved with <paramref name="original"/>; what the two share (usually the user and the
    /// scope list) is taken from <paramref name="copy"/>, the access token's snapshot, instead of being copied twice.
    /// </summary>
    public static RefreshToken Of(RefreshToken token, AccessToken original, AccessToken copy)
    {
        var user = ReferenceEquals(token.User, original.User) ? copy.User : Of(token.User);
        var scope = ReferenceEquals(token.Scope, original.Scope) ? copy.Scope : Of(token.Scope);
        var resources = ReferenceEquals(token.Resources, original.Audience) ? copy.Audience : Of(token.Resources);
        return ReferenceEquals(user, token.User) && ReferenceEquals(scope, token.Scope) && ReferenceEquals(resources, token.Resources)
            ? token
            : token with { User = user, Scope = scope, Resources = resources };
    }

    public static AuthorizationCode Of(AuthorizationCode code)
    {
        var user = Of(code.User);
        var scope = Of(code.Scope);
        var resources = Of(code.Resources);
        return ReferenceEquals(user, code.User) && ReferenceEquals(scope, code.Scope) && ReferenceEquals(resources, code.Resources)
            ? code
            : code with { User = user, Scope = scope, Resources = resources };
    }

    public static DeviceAuthorization Of(DeviceAuthorization authorization)
    {
        var user = authorization.User is null ? null : Of(authorization.User);
        var scope = Of(authorization.Scope);
        var resources = Of(authorization.Resources);
        return ReferenceEquals(user, authorization.User) && ReferenceEquals(scope, authorization.Scope) && ReferenceEquals(resources, authorization.Resources)
            ? authorization
            : authorization with { User = user, Scope = scope, Resources = resources };
    }

    /// <summary>A read-only view over a dictionary only the store holds; its type marks it as already copied.</summary>
    private sealed class SnapshotDictionary(IDictionary<string, string> dictionary) : ReadOnlyDictionary<string, string>(dictionary);
}
