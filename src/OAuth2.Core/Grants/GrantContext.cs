using OAuth2.Clients;
using OAuth2.Http;

namespace OAuth2.Grants;

/// <summary>
/// What a grant gets to work with: the request, the authenticated client, and the server's token-issuing services
/// (lifetimes, generators, scope policy, the model), so an extension grant issues tokens exactly as built-in ones do.
/// </summary>
public sealed class GrantContext
{
    internal GrantContext(OAuth2Request request, OAuth2Client client, string grantType, TokenIssuer issuer)
    {
        Request = request;
        Client = client;
        GrantType = grantType;
        Issuer = issuer;
    }

    public OAuth2Request Request { get; }

    /// <summary>The client, already authenticated as its type requires.</summary>
    public OAuth2Client Client { get; }

    public string GrantType { get; }

    /// <summary>Mints tokens with the server's lifetimes, generators and scope policy.</summary>
    public TokenIssuer Issuer { get; }

    /// <summary>When the code or refresh token this grant redeemed expires by itself; see <see cref="ISavedTokenConfirmation"/>.</summary>
    internal DateTimeOffset RedeemedItemExpiresAt { get; set; } = DateTimeOffset.MaxValue;

    /// <summary>A form parameter's single value, or <c>null</c>; repeated is <c>invalid_request</c>.</summary>
    public string? GetParameter(string name) => Request.Form.GetSingle(name);
}
