using OAuth2.Clients;
using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.Handlers;

/// <summary>The request shared by the revocation and introspection endpoints: an authenticated client and a token.</summary>
internal sealed record EndpointRequest(OAuth2Client Client, string Value, string? Hint)
{
    public static async ValueTask<EndpointRequest> ReadTokenRequestAsync(
        OAuth2Request request,
        OAuth2ServerOptions options,
        ClientAuthenticator authenticator,
        ClientAuthenticationPurpose purpose,
        CancellationToken cancellationToken)
    {
        RequestGuard.RequireFormPost(request, options.MaxParameterLength);
        var credentials = ClientAuthenticator.ExtractCredentials(request, options.MaxParameterLength);
        var client = await authenticator.AuthenticateAsync(credentials, purpose, cancellationToken).ConfigureAwait(false);
        var token = ParameterRules.RequireVsChar(request.Form.GetSingle("token"), "token");
        return new EndpointRequest(client, token, request.Form.GetSingle("token_type_hint"));
    }
}
