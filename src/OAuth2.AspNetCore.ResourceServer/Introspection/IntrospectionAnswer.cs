using System.Security.Claims;
using System.Text.Json;

namespace OAuth2.AspNetCore.ResourceServer.Introspection;

/// <summary>
/// Reads an RFC 7662 section 2.2 answer and decides whether this API accepts the token: <c>active</c> must be the JSON
/// literal <c>true</c>; a refresh token, an expired or not-yet-valid token, another issuer's or another audience's
/// token is refused. Every member becomes a claim (RFC 7662 names: <c>sub</c>, <c>client_id</c>, one <c>scope</c>
/// claim per value, <c>aud</c> per value, and the rest as sent), at most <see cref="MaxClaims"/> of them.
/// </summary>
internal static class IntrospectionAnswer
{
    public const int MaxClaims = 256;

    public static IntrospectionOutcome Read(JsonElement root, string? audience, string? issuer, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new IntrospectionOutcome.Unavailable("the answer is not a JSON object");
        }

        if (!root.TryGetProperty("active", out var active) || active.ValueKind != JsonValueKind.True)
        {
            return new IntrospectionOutcome.Refused("inactive");
        }

        // This server reports a live refresh token as active with token_type refresh_token; it is no access token.
        if (root.TryGetProperty("token_type", out var type) && type.ValueKind == JsonValueKind.String
            && string.Equals(type.GetString(), "refresh_token", StringComparison.OrdinalIgnoreCase))
        {
            return new IntrospectionOutcome.Refused("refresh token");
        }

        DateTimeOffset? expiresAt = null;
        if (root.TryGetProperty("exp", out var exp))
        {
            if (!exp.TryGetInt64(out var seconds))
            {
                return new IntrospectionOutcome.Unavailable("exp is not a number");
            }

            expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
            if (expiresAt <= now)
            {
                return new IntrospectionOutcome.Refused("expired");
            }
        }

        if (root.TryGetProperty("nbf", out var nbf) && nbf.TryGetInt64(out var notBefore) && notBefore > now.ToUnixTimeSeconds())
        {
            return new IntrospectionOutcome.Refused("not yet valid");
        }

        if (issuer is not null && root.TryGetProperty("iss", out var iss)
            && !(iss.ValueKind == JsonValueKind.String && SameIssuer(iss.GetString()!, issuer)))
        {
            return new IntrospectionOutcome.Refused("issuer");
        }

        if (audience is not null && !HasAudience(root, audience))
        {
            return new IntrospectionOutcome.Refused("audience");
        }

        var claims = new List<Claim>();
        foreach (var member in root.EnumerateObject())
        {
            if (member.Name == "active")
            {
                continue;
            }

            if (member.Name == "scope" && member.Value.ValueKind == JsonValueKind.String)
            {
                foreach (var scope in member.Value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    Add(claims, new Claim("scope", scope));
                }

                continue;
            }

            if (member.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in member.Value.EnumerateArray())
                {
                    Add(claims, ToClaim(member.Name, item));
                }

                continue;
            }

            Add(claims, ToClaim(member.Name, member.Value));
        }

        return claims.Count > MaxClaims
            ? new IntrospectionOutcome.Unavailable("the answer has too many members")
            : new IntrospectionOutcome.Active(claims, expiresAt);
    }

    /// <summary>Issuer identifiers compared as strings, a trailing slash aside (RFC 8414 section 3.3).</summary>
    public static bool SameIssuer(string a, string b)
        => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);

    private static bool HasAudience(JsonElement root, string audience)
    {
        if (!root.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == audience,
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == audience),
            _ => false,
        };
    }

    private static void Add(List<Claim> claims, Claim? claim)
    {
        // One more than the cap is enough to know the answer is too big; the rest is not read into memory.
        if (claim is not null && claims.Count <= MaxClaims)
        {
            claims.Add(claim);
        }
    }

    private static Claim? ToClaim(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new Claim(name, value.GetString()!),
        JsonValueKind.Number => new Claim(name, value.GetRawText(), value.TryGetInt64(out _) ? ClaimValueTypes.Integer64 : ClaimValueTypes.Double),
        JsonValueKind.True => new Claim(name, "true", ClaimValueTypes.Boolean),
        JsonValueKind.False => new Claim(name, "false", ClaimValueTypes.Boolean),
        JsonValueKind.Object or JsonValueKind.Array => new Claim(name, value.GetRawText(), "JSON"),
        _ => null,
    };
}
