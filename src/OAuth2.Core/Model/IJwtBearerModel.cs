using OAuth2.Clients;
using OAuth2.Jwt;

namespace OAuth2.Model;

/// <summary>
/// Maps a verified JWT bearer assertion (RFC 7523 section 2.1) to the user the token is for: the server has checked
/// issuer, signature, audience, lifetime and single use; the application says who the subject is, for this client.
/// </summary>
public interface IJwtBearerModel
{
    /// <summary>The user for <paramref name="assertion"/>, or <c>null</c> to refuse it (<c>invalid_grant</c>).</summary>
    ValueTask<OAuth2User?> GetUserFromAssertionAsync(JwtBearerAssertion assertion, OAuth2Client client, CancellationToken cancellationToken);
}
