using OAuth2.Clients;

namespace OAuth2;

/// <summary>
/// The resource owner a token or code was issued for. It travels as an id plus a bag of strings so that
/// every backend can persist it without knowing the application's user type.
/// </summary>
public sealed record OAuth2User(string Id)
{
    public IReadOnlyDictionary<string, string> Properties { get; init; } = EmptyProperties.Instance;
}
