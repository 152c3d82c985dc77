using System.Text.Json;
using OAuth2.Jwt;

namespace OAuth2.TokenExchange;

/// <summary>
/// A subject or actor token of type <c>jwt</c> signed by a trusted issuer (RFC 8693 section 3). Its audience is not
/// checked here: such a token is usually meant for the service that exchanges it, so the policy sees
/// <see cref="ExchangedToken.Audience"/> and decides.
/// </summary>
internal sealed class TrustedJwtSubjectReader(TrustedIssuers issuers, TimeProvider timeProvider) : ITrustedJwtReader
{
    public ExchangedToken? Read(string jwt)
    {
        if (issuers.Validate(jwt, timeProvider, maxLifetime: null, audiences: null, out var token) != TrustedJwtFailure.None)
        {
            return null;
        }

        try
        {
            return new ExchangedToken
            {
                TokenType = TokenTypeIdentifiers.Jwt,
                User = new OAuth2User(token!.Subject),
                ClientId = token.GetString("client_id") ?? token.GetString("azp"),
                Scope = Scopes.ScopeParser.Parse(token.GetString("scope")),
                Issuer = token.Issuer,
                ExpiresAt = token.ExpiresAt,
                Actor = token.Claims.TryGetProperty(ActorClaim.ActorAttribute, out var act) ? ActorClaim.Read(act, 1) : null,
                Audience = Audiences(token.Claims),
            };
        }
        catch (Exception e) when (e is FormatException or Errors.InvalidScopeException)
        {
            return null;
        }
    }

    private static IReadOnlyList<string> Audiences(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return [];
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return [aud.GetString()!];
        }

        return aud.ValueKind == JsonValueKind.Array
            ? aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToArray()
            : [];
    }
}
