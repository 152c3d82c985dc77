using OAuth2.Clients;

namespace OAuth2.Model;

/// <summary>
/// Node's optional <c>generateAccessToken</c>, <c>generateRefreshToken</c> and <c>generateAuthorizationCode</c>.
/// Without it every value is 256 bits from the CSPRNG. Return <c>null</c> from a method to keep that default.
/// </summary>
public interface ITokenValueGenerator
{
    ValueTask<string?> GenerateAccessTokenAsync(OAuth2Client client, OAuth2User user, IReadOnlyList<string> scope, CancellationToken cancellationToken);

    ValueTask<string?> GenerateRefreshTokenAsync(OAuth2Client client, OAuth2User user, IReadOnlyList<string> scope, CancellationToken cancellationToken);

    ValueTask<string?> GenerateAuthorizationCodeAsync(OAuth2Client client, OAuth2User user, IReadOnlyList<string> scope, CancellationToken cancellationToken);
}
