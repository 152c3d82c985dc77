using OAuth2.Clients;

namespace OAuth2.Model;

/// <summary>
/// Node's optional <c>validateScope</c>: decides the scope granted for a request. Without it the core grants the
/// requested scope limited to the client's registered <see cref="OAuth2Client.Scopes"/>.
/// </summary>
public interface IScopeValidator
{
    /// <summary>The scope to grant (it may narrow the request), or <c>null</c> to refuse with <c>invalid_scope</c>.</summary>
    ValueTask<IReadOnlyList<string>?> ValidateScopeAsync(OAuth2User user, OAuth2Client client, IReadOnlyList<string> requestedScope, CancellationToken cancellationToken);
}
