using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Model;
using OAuth2.Scopes;
using OAuth2.Tokens;

namespace OAuth2.Handlers;

/// <summary>
/// Bearer token authentication for protected resources (RFC 6750): one token from one place, expiry, scope, and
/// the <c>WWW-Authenticate</c> challenge on every refusal.
/// </summary>
internal sealed class AuthenticateHandler(IAccessTokenModel? model, OAuth2ServerOptions options, TimeProvider timeProvider, Dpop.DpopProofValidator? dpop = null)
{
    private readonly IScopeVerifier? _scopeVerifier = model is null ? null : ModelCapabilities.As<IScopeVerifier>(model);

    /// <summary>Authenticates the one bearer token of <paramref name="request"/>; <paramref name="checkJwtRevocation"/> overrides <see cref="Jwt.JwtAccessTokenOptions.CheckRevocation"/> for this call (<c>null</c> keeps it).</summary>
    public async ValueTask<OAuth2Result<AccessToken>> HandleAsync(OAuth2Request request, IReadOnlyList<string>? requiredScope, bool? checkJwtRevocation, CancellationToken cancellationToken)
    {
        var dpopScheme = false;
        try
        {
            // A request without any bearer token is the common case for hosts that authenticate every request; it
            // is answered without throwing, since an exception per anonymous request is a real cost under load.
            var value = ExtractToken(request, out dpopScheme);
            if (value is null)
            {
                var missing = new UnauthorizedRequestException();
                return OAuth2Result<AccessToken>.Failure(BuildErrorResponse(missing, requiredScope, dpopScheme), missing);
            }

            var token = await HandleCoreAsync(value, checkJwtRevocation, cancellationToken).ConfigureAwait(false);
            await CheckSenderConstraintAsync(request, value, token, dpopScheme, cancellationToken).ConfigureAwait(false);
            token = await CheckScopeAsync(token, requiredScope, cancellationToken).ConfigureAwait(false);
            var response = new OAuth2Response();
            if (requiredScope is { Count: > 0 })
            {
                if (options.AddAcceptedScopesHeader)
                {
                    response.Headers["X-Accepted-OAuth-Scopes"] = ScopeParser.Format(requiredScope);
                }

                if (options.AddAuthorizedScopesHeader)
                {
                    response.Headers["X-OAuth-Scopes"] = ScopeParser.Format(token.Scope);
                }
            }

            return OAuth2Result<AccessToken>.Success(response, token);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var error = ErrorTranslator.Translate(e);
            return OAuth2Result<AccessToken>.Failure(BuildErrorResponse(error, requiredScope, dpopScheme), error);
        }
    }

    private async ValueTask<AccessToken> HandleCoreAsync(string value, bool? checkJwtRevocation, CancellationToken cancellationToken)
    {
        AccessToken? token = null;
        var isJwt = false;
        if (options.JwtAccessTokens is { } jwt && Jwt.JwtAccessTokenCodec.LooksLikeJwt(value))
        {
            isJwt = true;
            // A signed token speaks for itself; the store read is what makes revocation (of the token, or of its
            // family on refresh-token reuse) bite before the token expires. The token is stored under its digest
            // like an opaque one, and revoking removes it, so "not found" means revoked.
            var keys = await jwt.KeyProvider.GetSigningKeysAsync(cancellationToken).ConfigureAwait(false);
            token = Jwt.JwtAccessTokenCodec.Validate(value, jwt, keys, timeProvider.GetUtcNow());
            if (checkJwtRevocation ?? jwt.CheckRevocation)
            {
                _ = await RequireModel().GetAccessTokenAsync(value, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidTokenException("Invalid token: access token is invalid");
            }
        }

        token ??= await RequireModel().GetAccessTokenAsync(value, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidTokenException("Invalid token: access token is invalid");
        if (token.ExpiresAt <= timeProvider.GetUtcNow())
        {
            throw new InvalidTokenException("Invalid token: access token has expired");
        }

        // RFC 8707 section 2 / RFC 9068 section 4: a token for another resource server is not a credential here.
        // JWTs without a configured resource-server audience keep their signing options' audience, as before.
        var audience = options.ResourceServerAudience ?? (isJwt ? options.JwtAccessTokens!.Audience : null);
        if (audience is not null && !token.Audience.ContainsOrdinal(audience))
        {
            throw new InvalidTokenException("Invalid token: access token is not meant for this resource server");
        }

        return token;
    }

    /// <summary>
    /// RFC 9449 section 7: a token sent with the <c>DPoP</c> scheme comes with a proof of its key (<c>ath</c> hashing
    /// this token, <c>htm</c>/<c>htu</c> naming this request); a DPoP-bound token sent as <c>Bearer</c> is refused.
    /// </summary>
    private async ValueTask CheckSenderConstraintAsync(OAuth2Request request, string value, AccessToken token, bool dpopScheme, CancellationToken cancellationToken)
    {
        if (!dpopScheme)
        {
            if (token.JwkThumbprint is not null)
            {
                // Section 7.2: whoever holds a bound token without the key must not get in by calling it a bearer token.
                throw new InvalidTokenException("Invalid token: a DPoP-bound access token must be sent with the DPoP scheme") { ErrorId = ErrorIds.DpopBoundTokenAsBearer };
            }

            return;
        }

        var proof = await dpop!.ValidateAsync(request, value, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDpopProofException("Invalid DPoP proof: the DPoP scheme needs a `DPoP` proof") { ErrorId = ErrorIds.DpopProofRequired };
        if (token.JwkThumbprint is null)
        {
            throw new InvalidTokenException("Invalid token: the access token is not DPoP-bound") { ErrorId = ErrorIds.DpopProofTokenMismatch };
        }

        if (!string.Equals(token.JwkThumbprint, proof.JwkThumbprint, StringComparison.Ordinal))
        {
            throw new InvalidDpopProofException("Invalid DPoP proof: the proof's key is not the one the access token is bound to") { ErrorId = ErrorIds.DpopProofTokenMismatch };
        }
    }

    private async ValueTask<AccessToken> CheckScopeAsync(AccessToken token, IReadOnlyList<string>? requiredScope, CancellationToken cancellationToken)
    {
        if (requiredScope is { Count: > 0 })
        {
            var covered = _scopeVerifier is not null
                ? await _scopeVerifier.VerifyScopeAsync(token, requiredScope, cancellationToken).ConfigureAwait(false)
                : ScopeParser.IsSubset(requiredScope, token.Scope);
            if (!covered)
            {
                throw new InsufficientScopeException("Insufficient scope: authorized scope is insufficient");
            }
        }

        return token;
    }

    private IAccessTokenModel RequireModel()
        => model ?? throw new InvalidArgumentException("Invalid argument: model does not implement `GetAccessTokenAsync()`");

    /// <summary>The one bearer token the request carries, or <c>null</c> when it carries none; <paramref name="dpopScheme"/> when it came as <c>DPoP</c>.</summary>
    private string? ExtractToken(OAuth2Request request, out bool dpopScheme)
    {
        var fromHeader = ParseAuthorizationHeader(request.GetHeader("Authorization"), dpop is not null, out dpopScheme);
        var fromQuery = options.AllowBearerTokensInQueryString ? request.Query.GetSingle("access_token") : null;
        string? fromBody = null;
        if (request.Form.Contains("access_token"))
        {
            if (string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidRequestException("Invalid request: token may not be passed in the body when using the GET verb");
            }

            if (!request.HasFormContentType)
            {
                throw new InvalidRequestException("Invalid request: content must be application/x-www-form-urlencoded");
            }

            fromBody = request.Form.GetSingle("access_token") ?? throw new InvalidRequestException("Invalid request: empty `access_token`");
        }

        var count = (fromHeader is null ? 0 : 1) + (fromQuery is null ? 0 : 1) + (fromBody is null ? 0 : 1);
        if (count > 1)
        {
            throw new InvalidRequestException("Invalid request: only one authentication method is allowed");
        }

        var token = fromHeader ?? fromQuery ?? fromBody;
        if (token is null)
        {
            return null;
        }
        if (!IsToken68(token))
        {
            throw new InvalidRequestException("Invalid request: malformed bearer token");
        }

        if (token.Length > options.MaxParameterLength)
        {
            // Past any size this server issues: refused before it reaches a hash function or a store.
            throw new InvalidTokenException("Invalid token: access token is invalid");
        }

        return token;
    }

    /// <summary>
    /// <c>Bearer 1*SP token68</c>, or <c>DPoP 1*SP token68</c> (RFC 9449 section 7.1) when DPoP is on, with the
    /// scheme compared without regard to case (RFC 9110 section 11.1).
    /// </summary>
    private static string? ParseAuthorizationHeader(string? header, bool acceptDpop, out bool dpopScheme)
    {
        dpopScheme = false;
        if (header is null)
        {
            return null;
        }

        var space = header.AsSpan().IndexOfAny(' ', '\t');
        var scheme = space < 0 ? header : header[..space];
        dpopScheme = acceptDpop && scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase);
        if (!dpopScheme && !scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // 1*SP: a tab after the scheme is malformed, not a different scheme.
        var token = space < 0 || header[space] == '\t' ? string.Empty : header[(space + 1)..].TrimStart(' ');
        if (token.Length == 0 || !IsToken68(token))
        {
            throw new InvalidRequestException("Invalid request: malformed authorization header");
        }

        return token;
    }

    private static bool IsToken68(string value)
    {
        var i = 0;
        while (i < value.Length && (char.IsAsciiLetterOrDigit(value[i]) || value[i] is '-' or '.' or '_' or '~' or '+' or '/'))
        {
            i++;
        }

        if (i == 0)
        {
            return false;
        }

        while (i < value.Length && value[i] == '=')
        {
            i++;
        }

        return i == value.Length;
    }

    private OAuth2Response BuildErrorResponse(OAuth2Exception error, IReadOnlyList<string>? requiredScope, bool dpopScheme)
    {
        var (code, status) = ErrorTranslator.Wire(error);
        OAuth2Response response;
        if (error is InvalidDpopProofException or UseDpopNonceException)
        {
            // RFC 9449 section 7.1: a resource answers proof errors with 401 and a DPoP challenge.
            status = 401;
            dpopScheme = true;
        }

        var challenge = dpopScheme
            ? $"DPoP realm=\"{options.Realm}\", algs=\"{string.Join(' ', dpop!.Algorithms)}\""
            : $"Bearer realm=\"{options.Realm}\"";
        if (error is UnauthorizedRequestException)
        {
            response = new OAuth2Response { StatusCode = 401 };
        }
        else
        {
            response = ResponseWriter.Json(status, new Dictionary<string, object?>(2) { ["error"] = code, ["error_description"] = error.Description });
            if (error is InvalidRequestException or InvalidTokenException or InsufficientScopeException or InvalidDpopProofException or UseDpopNonceException)
            {
                challenge += $", error=\"{code}\", error_description=\"{error.Description}\"";
                if (error is InsufficientScopeException && requiredScope is { Count: > 0 })
                {
                    challenge += $", scope=\"{ScopeParser.Format(requiredScope)}\"";
                }
            }
        }

        if (status is 401 or 403 || error is InvalidRequestException)
        {
            if (!dpopScheme && error.ErrorId == ErrorIds.DpopBoundTokenAsBearer)
            {
                // Section 7.2: say which scheme the token needs.
                challenge += $", DPoP algs=\"{string.Join(' ', dpop!.Algorithms)}\"";
            }

            response.Headers["WWW-Authenticate"] = challenge;
        }

        if (error is UseDpopNonceException nonce)
        {
            response.Headers[Dpop.DpopProofValidator.NonceHeaderName] = nonce.Nonce;
        }

        return response;
    }
}
