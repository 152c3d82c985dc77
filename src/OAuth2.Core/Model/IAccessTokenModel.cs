using OAuth2.Tokens;

namespace OAuth2.Model;

/// <summary>Node's <c>getAccessToken</c>: required to authenticate bearer tokens.</summary>
public interface IAccessTokenModel
{
    ValueTask<AccessToken?> GetAccessTokenAsync(string accessToken, CancellationToken cancellationToken);
}
