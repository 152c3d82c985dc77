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

    public static string Create(JwtAccessTokenOptions options, OAuth2Client client, OAuth2User user, IReadOnlyList<string> scope, string grantId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = options.SigningKey.Algorithm,
            ["typ"] = "at+jwt",
            ["kid"] = options.SigningKey.KeyId,
        });
        var claims = new Dictionary<string, object>
        {
            ["iss"] = options.Issuer,
            ["aud"] = options.Audience,
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

        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = options.SigningKey.Sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Whether a bearer value has the shape of a JWS compact serialisation.</summary>
    public static bool LooksLikeJwt(string token) => token.AsSpan().Count('.') == 2;

    /// <summary>Validates signature, <c>alg</c>, <c>typ</c>, <c>iss</c>, <c>aud</c> and <c>exp</c>; any failure is <c>invalid_token</c>.</summary>
    public static AccessToken Validate(string token, JwtAccessTokenOptions options, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw Invalid();
        }

        try
        {
            using (var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])))
            {
                var root = header.RootElement;
                if (!root.TryGetProperty("alg", out var alg) || alg.GetString() != options.SigningKey.Algorithm
                    || !root.TryGetProperty("typ", out var typ) || !IsAccessTokenType(typ.GetString())
                    || (root.TryGetProperty("kid", out var kid) && kid.GetString() != options.SigningKey.KeyId))
                {
                    throw Invalid();
                }
            }

            var signed = Encoding.ASCII.GetBytes(token.AsSpan(0, parts[0].Length + 1 + parts[1].Length).ToString());
            if (!options.SigningKey.Verify(signed, Base64Url.DecodeFromChars(parts[2])))
            {
                throw Invalid();
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
            if (claims.GetProperty("iss").GetString() != options.Issuer || !JwtClaimChecks.HasAudience(claims, [options.Audience]))
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
            };
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or InvalidScopeException)
        {
            throw Invalid(e);
        }
    }

    private static bool IsAccessTokenType(string? typ)
        => string.Equals(typ, "at+jwt", StringComparison.OrdinalIgnoreCase) || string.Equals(typ, "application/at+jwt", StringComparison.OrdinalIgnoreCase);

    private static InvalidTokenException Invalid(Exception? inner = null) => new("Invalid token: access token is invalid", inner);
}
