using OAuth2.Clients;

namespace OAuth2.Model;

/// <summary>
/// Node's optional <c>validateRedirectUri</c>. The default is exact string matching against the client's registered
/// URIs, with only the port of a loopback URI allowed to vary (RFC 8252 section 7.3).
/// </summary>
public interface IRedirectUriValidator
{
    ValueTask<bool> ValidateRedirectUriAsync(string redirectUri, OAuth2Client client, CancellationToken cancellationToken);
}
