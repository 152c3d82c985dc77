using OAuth2.Errors;
using OAuth2.Grants;
using OAuth2.Http;
using OAuth2.Model;
using OAuth2.Tokens;

namespace OAuth2.Handlers;

/// <summary>
/// The token endpoint (RFC 6749 section 3.2), top-down: request shape, client authentication, the grant (which
/// validates, issues and saves), and the response with its no-store headers, success or error.
/// </summary>
internal sealed class TokenHandler(
    OAuth2ServerOptions options,
    IReadOnlyDictionary<string, ITokenGrant> grants,
    TokenIssuer issuer,
    ClientAuthenticator authenticator,
    Dpop.DpopProofValidator? dpop = null)
{
    private static readonly HashSet<string> ReservedResponseMembers = new(StringComparer.Ordinal)
    {
        "access_token", "token_type", "expires_in", "refresh_token", "scope", "error", "error_description",
        "issued_token_type", TokenExchange.ActorClaim.ActorAttribute,
    };

    private object? _expiresIn;

    public async ValueTask<OAuth2Result<Token>> HandleAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        try
        {
            var token = await HandleCoreAsync(request, cancellationToken).ConfigureAwait(false);
            var response = BuildResponse(token);
            if (token.JwkThumbprint is not null && dpop is { RequireNonce: true })
            {
                // The nonce to use next (RFC 9449 section 8.2): clients keep the latest one they were given.
                response.Headers[Dpop.DpopProofValidator.NonceHeaderName] = dpop.Nonces.Current();
            }

            return OAuth2Result<Token>.Success(response, token);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var error = ErrorTranslator.Translate(e);
            return OAuth2Result<Token>.Failure(ResponseWriter.Error(error, options.Realm), error);
        }
    }

    private async ValueTask<Token> HandleCoreAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        RequestGuard.RequireFormPost(request, options.MaxParameterLength);

        var grantType = request.Form.GetSingle("grant_type") ?? throw new InvalidRequestException("Missing parameter: `grant_type`");
        if (!ParameterRules.IsGrantTypeName(grantType))
        {
            throw new InvalidRequestException("Invalid parameter: `grant_type`");
        }

        if (!grants.TryGetValue(grantType, out var grant))
        {
            throw new UnsupportedGrantTypeException("Unsupported grant type: `grant_type` is invalid") { ErrorId = ErrorIds.UnsupportedGrantType };
        }

        var credentials = ClientAuthenticator.ExtractCredentials(request, options.MaxParameterLength);

        var client = await authenticator.AuthenticateAsync(credentials, grantType, cancellationToken).ConfigureAwait(false);
        if (!client.Grants.ContainsOrdinal(grantType))
        {
            throw new UnauthorizedClientException("Unauthorized client: `grant_type` is invalid") { ErrorId = ErrorIds.GrantNotAllowedForClient };
        }

        // RFC 9449 section 5: checked after the client is authenticated, so an anonymous caller cannot use up a
        // proof's jti; a proof binds everything the grant mints to its key.
        var proof = dpop is null ? null : await dpop.ValidateAsync(request, accessToken: null, cancellationToken).ConfigureAwait(false);
        if (proof is null && client.DpopBoundAccessTokens)
        {
            throw new InvalidDpopProofException("Invalid DPoP proof: this client is registered for DPoP-bound access tokens and must send a proof") { ErrorId = ErrorIds.DpopProofRequired };
        }

        if (proof is null && options.Profile == SecurityProfile.Fapi2)
        {
            // FAPI 2.0 section 5.3.2.1: sender-constrained access tokens only (DPoP; mTLS is not supported here), so
            // every token request carries a proof, whatever the grant or client.
            throw new InvalidDpopProofException("Invalid DPoP proof: the security profile requires a DPoP proof with every token request") { ErrorId = ErrorIds.DpopProofRequired };
        }

        var tokenIssuer = proof is null ? issuer : issuer.BoundTo(proof.JwkThumbprint);
        return await grant.IssueAsync(new GrantContext(request, client, grantType, tokenIssuer), cancellationToken).ConfigureAwait(false);
    }

    private OAuth2Response BuildResponse(Token token)
    {
        var expiresIn = (long)Math.Round((token.AccessTokenExpiresAt - token.IssuedAt).TotalSeconds);
        var scope = token.Scope.Count > 0 ? Scopes.ScopeParser.Format(token.Scope) : null;
        var extra = options.AllowExtendedTokenAttributes ? ExtraMembers(token.ExtendedAttributes) : [];
        if (token.IssuedTokenType is { } issuedType)
        {
            return ExchangeResponse(token, issuedType, scope, extra);
        }

        var tokenType = token.JwkThumbprint is null ? TokenResponseBody.BearerType : TokenResponseBody.DpopType;
        return ResponseWriter.Json(200, new TokenResponseBody(token.AccessToken, Box(expiresIn), token.RefreshToken, scope, extra, tokenType));
    }

    /// <summary>
    /// RFC 8693 section 2.2.1: the issued token is in <c>access_token</c> whatever its type, with
    /// <c>issued_token_type</c>; a token that is not an access token has <c>token_type</c> <c>N_A</c>.
    /// </summary>
    private static OAuth2Response ExchangeResponse(Token token, string issuedType, string? scope, KeyValuePair<string, object?>[] extra)
    {
        KeyValuePair<string, object?>[] members = [.. extra, new("issued_token_type", issuedType)];
        if (issuedType == TokenExchange.TokenTypeIdentifiers.RefreshToken && token.RefreshToken is { } refresh)
        {
            var refreshExpiresIn = token.RefreshTokenExpiresAt is { } at ? (object)(long)Math.Round((at - token.IssuedAt).TotalSeconds) : null;
            return ResponseWriter.Json(200, new TokenResponseBody(refresh, refreshExpiresIn, null, scope, members, TokenResponseBody.NotApplicableType));
        }

        var expiresIn = (long)Math.Round((token.AccessTokenExpiresAt - token.IssuedAt).TotalSeconds);
        return ResponseWriter.Json(200, new TokenResponseBody(token.AccessToken, expiresIn, null, scope, members));
    }

    private static KeyValuePair<string, object?>[] ExtraMembers(IReadOnlyDictionary<string, string> attributes)
    {
        if (attributes.Count == 0)
        {
            return [];
        }

        var extra = new List<KeyValuePair<string, object?>>(attributes.Count);
        foreach (var (name, value) in attributes)
        {
            if (!ReservedResponseMembers.Contains(name))
            {
                extra.Add(new(name, value));
            }
        }

        return [.. extra];
    }

    /// <summary>
    /// The lifetime boxed once and reused while it stays the same (it almost always does): a boxed number is
    /// immutable, so every response may share it.
    /// </summary>
    private object Box(long expiresIn)
    {
        var boxed = _expiresIn;
        if (boxed is long last && last == expiresIn)
        {
            return boxed;
        }

        boxed = expiresIn;
        _expiresIn = boxed;
        return boxed;
    }
}
