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
internal sealed class AuthenticateHandler(IAccessTokenModel? model, OAuth2ServerOptions options, TimeProvider timeProvider)
{
    private readonly IScopeVerifier? _scopeVerifier = model is null ? null : ModelCapabilities.As<IScopeVerifier>(model);

    /// <summary>Authenticates the one bearer token of <paramref name="request"/>; <paramref name="checkJwtRevocation"/> overrides <see cref="Jwt.JwtAccessTokenOptions.CheckRevocation"/> for this call (<c>null</c> keeps it).</summary>
    public async ValueTask<OAuth2Result<AccessToken>> HandleAsync(OAuth2Request request, IReadOnlyList<string>? requiredScope, bool? checkJwtRevocation, CancellationToken cancellationToken)
    {
        try
        {
            // A request without any bearer token is the common case for hosts that authenticate every request; it
            // is answered without throwing, since an exception per anonymous request is a real cost under load.
            var value = ExtractToken(request);
            if (value is null)
            {
                var missing = new UnauthorizedRequestException();
                return OAuth2Result<AccessToken>.Failure(BuildErrorResponse(missing, requiredScope), missing);
            }

            var token = await HandleCoreAsync(value, requiredScope, checkJwtRevocation, cancellationToken).ConfigureAwait(false);
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
            return OAuth2Result<AccessToken>.Failure(BuildErrorResponse(error, requiredScope), error);
        }
    }

    private async ValueTask<AccessToken> HandleCoreAsync(string value, IReadOnlyList<string>? requiredScope, bool? checkJwtRevocation, CancellationToken cancellationToken)
    {
        AccessToken? token = null;
        if (options.JwtAccessTokens is { } jwt && Jwt.JwtAccessTokenCodec.LooksLikeJwt(value))
        {
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

    /// <summary>The one bearer token the request carries, or <c>null</c> when it carries none.</summary>
    private string? ExtractToken(OAuth2Request request)
    {
        var fromHeader = ParseAuthorizationHeader(request.GetHeader("Authorization"));
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

    /// <summary><c>Bearer 1*SP token68</c> with the scheme compared without regard to case (RFC 9110 section 11.1).</summary>
    private static string? ParseAuthorizationHeader(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var space = header.AsSpan().IndexOfAny(' ', '\t');
        var scheme = space < 0 ? header : header[..space];
        if (!scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
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

    private OAuth2Response BuildErrorResponse(OAuth2Exception error, IReadOnlyList<string>? requiredScope)
    {
        var (code, status) = ErrorTranslator.Wire(error);
        OAuth2Response response;
        var challenge = $"Bearer realm=\"{options.Realm}\"";
        if (error is UnauthorizedRequestException)
        {
            response = new OAuth2Response { StatusCode = 401 };
        }
        else
        {
            response = ResponseWriter.Json(status, new Dictionary<string, object?>(2) { ["error"] = code, ["error_description"] = error.Description });
            if (error is InvalidRequestException or InvalidTokenException or InsufficientScopeException)
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
            response.Headers["WWW-Authenticate"] = challenge;
        }

        return response;
    }
}
