using OAuth2.Clients;
using OAuth2.Http;

namespace OAuth2.Grants;

/// <summary>
/// What a grant gets to work with: the request, the authenticated client, and the server's token-issuing services
/// (lifetimes, generators, scope policy), so an extension grant issues tokens exactly as built-in ones do. The model
/// is not in it: a grant is given the model capabilities it needs when it is built.
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

    /// <summary>A form parameter's single value, or <c>null</c>; repeated is <c>invalid_request</c>.</summary>
    public string? GetParameter(string name) => Request.Form.GetSingle(name);
}
