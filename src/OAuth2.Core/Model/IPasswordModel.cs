using OAuth2.Clients;

namespace OAuth2.Model;

/// <summary>Node's <c>getUser</c>: required by the (legacy) <c>password</c> grant. Returns <c>null</c> for bad credentials.</summary>
public interface IPasswordModel
{
    ValueTask<OAuth2User?> GetUserAsync(string username, string password, OAuth2Client client, CancellationToken cancellationToken);
}
