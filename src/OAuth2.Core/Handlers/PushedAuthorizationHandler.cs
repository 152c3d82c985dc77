using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Model;
using OAuth2.Security;
using OAuth2.Tokens;

namespace OAuth2.Handlers;

/// <summary>
/// The pushed authorization request endpoint (RFC 9126 section 2): the client authenticates as at the token endpoint,
/// its authorization request is validated by the authorization endpoint's own rules, and it is stored under a fresh,
/// single-use <c>request_uri</c> that only this client may use before it expires.
/// </summary>
internal sealed class PushedAuthorizationHandler(
    IPushedAuthorizationModel model,
    AuthorizeHandler authorize,
    ClientAuthenticator authenticator,
    OAuth2ServerOptions options,
    TimeProvider timeProvider,
    Dpop.DpopProofValidator? dpop = null)
{
    /// <summary>RFC 9126 section 2.2: the URN namespace of the references this server issues.</summary>
    public const string RequestUriPrefix = "urn:ietf:params:oauth:request_uri:";

    /// <summary>Client authentication parameters: they authenticate the push and are never part of the stored request.</summary>
    private static readonly HashSet<string> CredentialParameters = new(StringComparer.Ordinal)
    {
        "client_secret",
        "client_assertion",
        "client_assertion_type",
    };

    public async ValueTask<OAuth2Result<AuthorizationRequest>> HandleAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        try
        {
            var (validated, body, proof) = await HandleCoreAsync(request, cancellationToken).ConfigureAwait(false);
            var response = ResponseWriter.Json(201, body);
            if (proof is not null && dpop is { RequireNonce: true })
            {
                // As at the token endpoint (RFC 9449 section 8.2): the nonce to use next.
                response.Headers[Dpop.DpopProofValidator.NonceHeaderName] = dpop.Nonces.Current();
            }

            return OAuth2Result<AuthorizationRequest>.Success(response, validated);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var error = ErrorTranslator.Translate(e);
            return OAuth2Result<AuthorizationRequest>.Failure(ResponseWriter.Error(error, options.Realm), error);
        }
    }

    private async ValueTask<(AuthorizationRequest, Dictionary<string, object?>, Dpop.DpopProof?)> HandleCoreAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        // RFC 9126 section 2.1: a POST with a form body, parameters as at the authorization endpoint.
        RequestGuard.RequireFormPost(request, options.MaxParameterLength);
        var credentials = ClientAuthenticator.ExtractCredentials(request, options.MaxParameterLength);
        var client = await authenticator.AuthenticateAsync(credentials, ClientAuthenticationPurpose.PushedAuthorization, cancellationToken).ConfigureAwait(false);

        // RFC 9126 section 2.1: a pushed request must not itself refer to another one.
        if (request.Form.Contains("request_uri"))
        {
            throw new InvalidRequestException("Invalid request: `request_uri` is not allowed in a pushed authorization request") { ErrorId = ErrorIds.PushedRequestUriNotAllowed };
        }

        var pushed = new Dictionary<string, string>(request.Form.Count, StringComparer.Ordinal);
        foreach (var (name, values) in request.Form)
        {
            if (!CredentialParameters.Contains(name))
            {
                pushed[name] = values[0];
            }
        }

        // The client is the authenticated one (with Basic, client_id may be absent; if sent, ExtractCredentials matched it).
        pushed["client_id"] = client.Id;
        AuthorizationRequest validated;
        try
        {
            validated = await authorize.ValidatePushedAsync(ParameterCollection.From(pushed), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidClientException e) when (e.ErrorId == ErrorIds.RedirectUriMismatch)
        {
            // The client did authenticate: a redirect URI it did not register is a bad request, not a bad client.
            throw new InvalidRequestException("Invalid request: `redirect_uri` does not match client value", e) { ErrorId = ErrorIds.RedirectUriMismatch };
        }

        // RFC 9449 section 10.1: a DPoP proof sent with the push (checked as at any endpoint, after the request is
        // known good so a refused request leaves its jti unused) binds the code as dpop_jkt would; both must agree.
        var proof = dpop is null ? null : await dpop.ValidateAsync(request, accessToken: null, cancellationToken).ConfigureAwait(false);
        if (proof is not null)
        {
            if (validated.DpopJkt is null)
            {
                pushed[Dpop.DpopJktParameter.Name] = proof.JwkThumbprint;
                validated = validated with { DpopJkt = proof.JwkThumbprint };
            }
            else if (!string.Equals(validated.DpopJkt, proof.JwkThumbprint, StringComparison.Ordinal))
            {
                throw new InvalidRequestException("Invalid request: `dpop_jkt` is not the thumbprint of the DPoP proof's key") { ErrorId = ErrorIds.DpopJktProofConflict };
            }
        }

        var now = timeProvider.GetUtcNow();
        var requestUri = RequestUriPrefix + TokenGenerator.Generate();
        var data = new PushedAuthorization
        {
            ClientId = client.Id,
            Parameters = pushed,
            IssuedAt = now,
            ExpiresAt = now + options.PushedAuthorizationRequestLifetime,
        };
        await model.SavePushedAuthorizationAsync(requestUri, data, cancellationToken).ConfigureAwait(false);
        var body = new Dictionary<string, object?>(2, StringComparer.Ordinal)
        {
            ["request_uri"] = requestUri,
            ["expires_in"] = (long)options.PushedAuthorizationRequestLifetime.TotalSeconds,
        };
        return (validated, body, proof);
    }
}
