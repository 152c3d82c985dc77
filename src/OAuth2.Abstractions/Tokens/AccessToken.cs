namespace OAuth2.Tokens;

/// <summary>An access token as a lookup returns it: everything the resource server needs, never the token value itself.</summary>
public sealed record AccessToken
{
    public required string ClientId { get; init; }
    public required OAuth2User User { get; init; }
    public IReadOnlyList<string> Scope { get; init; } = [];
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required string GrantId { get; init; }
    public IReadOnlyDictionary<string, string> ExtendedAttributes { get; init; } = Clients.EmptyProperties.Instance;

    /// <summary>
    /// The audience the token is for (RFC 8707 resources, or the server's default audience); empty when it names
    /// none. Introspection answers it as <c>aud</c>; a resource server refuses a token not meant for it.
    /// </summary>
    public IReadOnlyList<string> Audience { get; init; } = [];
}
