using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using OAuth2.Clients;
using OAuth2.Errors;
using OAuth2.Tokens;

namespace OAuth2.Jwt;

/// <summary>Writes and validates RFC 9068 JWT access tokens (<c>typ: at+jwt</c>).</summary>
internal static class JwtAccessTokenCodec
{
    private const string GrantIdClaim = "gid";
    private const string ConfirmationClaim = "cnf";
    private const string ThumbprintMember = "jkt";

    public static string Create(JwtAccessTokenOptions options, JwtSigningKey key, OAuth2Client client, OAuth2User user, IReadOnlyList<string> scope, IReadOnlyList<string> audience, string grantId, DateTimeOffset issuedAt, DateTimeOffset expiresAt, string? jwkThumbprint = null, TokenExchange.TokenActor? actor = null)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = key.Algorithm,
            ["typ"] = "at+jwt",
            ["kid"] = key.KeyId,
        });
        var claims = new Dictionary<string, object>
        {
            ["iss"] = options.Issuer,
            // RFC 9068 section 2.2 / RFC 7519 section 4.1.3: one audience as a string, several as an array.
            ["aud"] = audience.Count switch { 0 => options.Audience, 1 => audience[0], _ => audience.ToArray() },
            ["sub"] = user.Id,
            ["client_id"] = client.Id,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["jti"] = Security.TokenGenerator.Generate(),
            [GrantIdClaim] = grantId,
        };
        if (scope.Count > 0)
        {
            claims["scope"] = Scopes.ScopeParser.Format(scope);
        }

        if (jwkThumbprint is not null)
        {
            // RFC 9449 section 6.1: the confirmation claim binds the token to the client's DPoP key.
            claims[ConfirmationClaim] = new Dictionary<string, string> { [ThumbprintMember] = jwkThumbprint };
        }

        if (actor is not null)
        {
            claims[TokenExchange.ActorClaim.ActorAttribute] = TokenExchange.ActorClaim.ToElement(actor);
        }

        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Whether a bearer value has the shape of a JWS compact serialisation.</summary>
    public static bool LooksLikeJwt(string token) => token.AsSpan().Count('.') == 2;

    /// <summary>
    /// Validates <c>kid</c>, signature, <c>alg</c>, <c>typ</c>, <c>iss</c>, that <c>aud</c> is present, and <c>exp</c>; any
    /// failure is <c>invalid_token</c> (whether the audience is the caller's is the authenticating handler's check). The key is the one the <c>kid</c> names in <paramref name="keys"/>: a token without a
    /// <c>kid</c>, or with one the set does not publish, is refused without trying other keys.
    /// </summary>
    public static AccessToken Validate(string token, JwtAccessTokenOptions options, JwtSigningKeySet keys, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw Invalid();
        }

        JwtSigningKey? key;
        try
        {
            using (var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])))
            {
                var root = header.RootElement;
                if (!root.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String || !keys.TryGetKey(kid.GetString()!, out key)
                    || !root.TryGetProperty("alg", out var alg) || alg.GetString() != key.Algorithm
                    || !root.TryGetProperty("typ", out var typ) || !IsAccessTokenType(typ.GetString()))
                {
                    throw Invalid();
                }
            }

            var signed = Encoding.ASCII.GetBytes(token.AsSpan(0, parts[0].Length + 1 + parts[1].Length).ToString());
            if (!key.Verify(signed, Base64Url.DecodeFromChars(parts[2])))
            {
                throw Invalid();
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
            var tokenAudience = ReadAudience(claims);
            if (claims.GetProperty("iss").GetString() != options.Issuer || tokenAudience.Count == 0)
            {
                throw Invalid();
            }

            if (expiresAt <= now)
            {
                throw new InvalidTokenException("Invalid token: access token has expired");
            }

            return new AccessToken
            {
                ClientId = claims.GetProperty("client_id").GetString() ?? throw Invalid(),
                User = new OAuth2User(claims.GetProperty("sub").GetString() ?? throw Invalid()),
                Scope = Scopes.ScopeParser.Parse(claims.TryGetProperty("scope", out var scope) ? scope.GetString() : null),
                IssuedAt = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("iat").GetInt64()),
                ExpiresAt = expiresAt,
                GrantId = claims.TryGetProperty(GrantIdClaim, out var gid) ? gid.GetString() ?? string.Empty : string.Empty,
                Audience = tokenAudience,
                JwkThumbprint = ReadThumbprint(claims),
                ExtendedAttributes = TokenExchange.ActorClaim.Attributes(
                    claims.TryGetProperty(TokenExchange.ActorClaim.ActorAttribute, out var act) ? TokenExchange.ActorClaim.Read(act, 1) : null),
            };
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or InvalidScopeException)
        {
            throw Invalid(e);
        }
    }

    private static bool IsAccessTokenType(string? typ)
        => string.Equals(typ, "at+jwt", StringComparison.OrdinalIgnoreCase) || string.Equals(typ, "application/at+jwt", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>aud</c> claim, a string or an array of strings; empty when absent or of another shape.</summary>
    private static IReadOnlyList<string> ReadAudience(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return [];
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return aud.GetString() is { Length: > 0 } one ? [one] : [];
        }

        if (aud.ValueKind != JsonValueKind.Array || aud.GetArrayLength() > 100)
        {
            return [];
        }

        var audience = new List<string>(aud.GetArrayLength());
        foreach (var item in aud.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } value)
            {
                return [];
            }

            audience.Add(value);
        }

        return audience.ToArray();
    }

    /// <summary><c>cnf.jkt</c> (RFC 9449 section 6.1), or <c>null</c> for a bearer token; a malformed <c>cnf</c> makes the token invalid.</summary>
    private static string? ReadThumbprint(JsonElement claims)
    {
        if (!claims.TryGetProperty(ConfirmationClaim, out var cnf))
        {
            return null;
        }

        return cnf.ValueKind == JsonValueKind.Object && cnf.TryGetProperty(ThumbprintMember, out var jkt) && jkt.ValueKind == JsonValueKind.String
            ? jkt.GetString()
            : throw Invalid();
    }

    private static InvalidTokenException Invalid(Exception? inner = null) => new("Invalid token: access token is invalid", inner);
}
