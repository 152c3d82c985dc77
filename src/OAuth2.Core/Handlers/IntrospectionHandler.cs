using OAuth2.Http;

namespace OAuth2.Handlers;

/// <summary>
/// Token introspection (RFC 7662). Only authenticated confidential clients may ask. A client holding
/// <see cref="Clients.ClientPermissions.IntrospectionProperty"/> (a resource server) sees any token; any other client
/// sees only tokens issued to itself (it holds them already). Everything else (another client's token, an expired,
/// revoked, rotated or unknown one) is <c>{"active":false}</c> with nothing else revealed (RFC 7662 sections 2.2, 4).
/// </summary>
internal sealed class IntrospectionHandler(TokenLookup lookup, ClientAuthenticator authenticator, OAuth2ServerOptions options, TimeProvider timeProvider)
{
    public async ValueTask<OAuth2Result<IntrospectionResult>> HandleAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        try
        {
            var result = await HandleCoreAsync(request, cancellationToken).ConfigureAwait(false);
            return OAuth2Result<IntrospectionResult>.Success(ResponseWriter.Json(200, ToBody(result)), result);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var error = ErrorTranslator.Translate(e);
            return OAuth2Result<IntrospectionResult>.Failure(ResponseWriter.Error(error, options.Realm), error);
        }
    }

    private async ValueTask<IntrospectionResult> HandleCoreAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        var token = await EndpointRequest.ReadTokenRequestAsync(request, options, authenticator, ClientAuthenticationPurpose.Introspection, cancellationToken).ConfigureAwait(false);
        var (access, refresh) = await lookup.FindAsync(token.Value, token.Hint, cancellationToken).ConfigureAwait(false);
        if (!Clients.ClientPermissions.MayIntrospectAnyToken(token.Client))
        {
            access = access is not null && string.Equals(access.ClientId, token.Client.Id, StringComparison.Ordinal) ? access : null;
            refresh = refresh is not null && string.Equals(refresh.ClientId, token.Client.Id, StringComparison.Ordinal) ? refresh : null;
        }

        var now = timeProvider.GetUtcNow();
        if (access is not null && access.ExpiresAt > now)
        {
            return new IntrospectionResult
            {
                Active = true,
                Scope = Scopes.ScopeParser.Format(access.Scope),
                ClientId = access.ClientId,
                Subject = access.User.Id,
                Username = access.User.Properties.GetValueOrDefault("username"),
                TokenType = access.JwkThumbprint is null ? TokenResponseBody.BearerType : TokenResponseBody.DpopType,
                ExpiresAt = access.ExpiresAt.ToUnixTimeSeconds(),
                IssuedAt = access.IssuedAt.ToUnixTimeSeconds(),
                Audience = access.Audience,
                JwkThumbprint = access.JwkThumbprint,
                Actor = TokenExchange.ActorClaim.FromAttributes(access.ExtendedAttributes),
            };
        }

        if (refresh is not null && refresh.RedeemedAt is null && (refresh.ExpiresAt is null || refresh.ExpiresAt > now))
        {
            return new IntrospectionResult
            {
                Active = true,
                Scope = Scopes.ScopeParser.Format(refresh.Scope),
                ClientId = refresh.ClientId,
                Subject = refresh.User.Id,
                Username = refresh.User.Properties.GetValueOrDefault("username"),
                TokenType = TokenTypeHints.RefreshToken,
                ExpiresAt = refresh.ExpiresAt?.ToUnixTimeSeconds(),
                IssuedAt = refresh.IssuedAt.ToUnixTimeSeconds(),
            };
        }

        return IntrospectionResult.Inactive;
    }

    private static Dictionary<string, object?> ToBody(IntrospectionResult result)
    {
        var body = new Dictionary<string, object?>(9, StringComparer.Ordinal) { ["active"] = result.Active };
        if (!result.Active)
        {
            return body;
        }

        Add(body, "scope", result.Scope is { Length: > 0 } ? result.Scope : null);
        Add(body, "client_id", result.ClientId);
        Add(body, "sub", result.Subject);
        Add(body, "username", result.Username);
        Add(body, "token_type", result.TokenType);
        Add(body, "exp", result.ExpiresAt);
        Add(body, "iat", result.IssuedAt);

        // RFC 7662 section 2.2: `aud` as RFC 7519 defines it, one string or an array of strings.
        Add(body, "aud", result.Audience.Count switch { 0 => null, 1 => result.Audience[0], _ => result.Audience.ToArray() });
        if (result.JwkThumbprint is { } jkt)
        {
            // RFC 9449 section 6.2: the resource server checks the proof's key against this.
            body["cnf"] = new Dictionary<string, string>(1, StringComparer.Ordinal) { ["jkt"] = jkt };
        }

        Add(body, "act", result.Actor is { } actor ? TokenExchange.ActorClaim.ToElement(actor) : null);
        return body;
    }

    private static void Add(Dictionary<string, object?> body, string name, object? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }
}
