namespace OAuth2.Clients;

/// <summary>
/// Permissions a client holds beyond its grants, kept in <see cref="OAuth2Client.Properties"/> so that every store
/// persists them with no schema change.
/// </summary>
public static class ClientPermissions
{
    /// <summary>
    /// The property that lets a client introspect any token (RFC 7662 section 4): set it to <c>true</c> on resource
    /// servers. Without it a client sees only its own tokens; every other token is <c>{"active":false}</c>.
    /// </summary>
    public const string IntrospectionProperty = "oauth2:introspection";

    /// <summary>Whether <paramref name="client"/> may introspect tokens issued to other clients.</summary>
    public static bool MayIntrospectAnyToken(OAuth2Client client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Properties.TryGetValue(IntrospectionProperty, out var value) && string.Equals(value, "true", StringComparison.Ordinal);
    }
}
