using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.IdentityModel.Tests.Support;

/// <summary>The front channel without a browser: the authorize URL IdentityModel builds, then the sample's sign-in form posted back.</summary>
public static class Browserless
{
    /// <summary>Builds the authorize URL with <see cref="RequestUrl"/>, signs alice in, approves, and returns the code and PKCE verifier.</summary>
    public static async Task<(string Code, string Verifier)> SignInAsync(SampleServerFixture server, DiscoveryDocumentResponse disco, string clientId, string redirectUri)
    {
        var verifier = CryptoRandom.CreateUniqueId(32);
        var challenge = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var state = CryptoRandom.CreateUniqueId(16);
        var url = new RequestUrl(disco.AuthorizeEndpoint!).CreateAuthorizeUrl(
            clientId: clientId,
            responseType: "code",
            scope: "read write",
            redirectUri: redirectUri,
            state: state,
            codeChallenge: challenge,
            codeChallengeMethod: "S256");

        using var browser = server.CreateClient();
        var (code, query) = await SignInForm.ApproveAsync(browser, new Uri(url).Query.TrimStart('?'));
        Assert.Equal(state, query["state"]);
        return (code, verifier);
    }
}
