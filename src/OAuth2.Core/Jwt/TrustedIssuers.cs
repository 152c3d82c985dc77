using System.Text.Json;
using OAuth2.Errors;

namespace OAuth2.Jwt;

/// <summary>
/// The configured <see cref="TrustedJwtIssuer"/>s with their key sets parsed once, at start-up (a bad set fails the
/// server's construction), and the one check every JWT from them passes: issuer known, signature by one of its keys
/// with an allowed algorithm, and the claim times.
/// </summary>
internal sealed class TrustedIssuers
{
    /// <summary>The longest JWT accepted from a trusted issuer.</summary>
    public const int MaxJwtLength = 16 * 1024;

    private readonly Dictionary<string, (VerificationKeySet Keys, string[] Algorithms)> _issuers;

    private TrustedIssuers(Dictionary<string, (VerificationKeySet, string[])> issuers) => _issuers = issuers;

    public int Count => _issuers.Count;

    public static TrustedIssuers Create(IEnumerable<TrustedJwtIssuer> configured)
    {
        var issuers = new Dictionary<string, (VerificationKeySet, string[])>(StringComparer.Ordinal);
        foreach (var issuer in configured)
        {
            if (string.IsNullOrEmpty(issuer?.Issuer) || issuers.ContainsKey(issuer.Issuer))
            {
                throw new InvalidArgumentException("Invalid argument: every trusted JWT issuer needs a distinct `issuer`");
            }

            if (VerificationKeySet.TryParse(issuer.Jwks, out var keys) != JoseFailure.None || keys!.Keys.Count == 0)
            {
                throw new InvalidArgumentException($"Invalid argument: the JWK set of trusted issuer `{issuer.Issuer}` is not a set of public keys");
            }

            var algorithms = issuer.Algorithms.ToArray();
            if (algorithms.Length == 0 || !algorithms.All(JwsAlgorithm.IsKnown))
            {
                throw new InvalidArgumentException($"Invalid argument: trusted issuer `{issuer.Issuer}` allows an unknown algorithm (use ES256, ES384, PS256 or RS256)");
            }

            issuers[issuer.Issuer] = (keys, algorithms);
        }

        return new TrustedIssuers(issuers);
    }

    /// <summary>
    /// Validates <paramref name="jwt"/>: a trusted <c>iss</c>, a signature by that issuer's key, <c>exp</c> (required)
    /// within <paramref name="maxLifetime"/> when given, <c>nbf</c>/<c>iat</c>, and when <paramref name="audiences"/>
    /// is given an <c>aud</c> among them. The claims are returned only when everything holds.
    /// </summary>
    public TrustedJwtFailure Validate(string jwt, TimeProvider time, TimeSpan? maxLifetime, IReadOnlyCollection<string>? audiences, out TrustedJwt? validated)
    {
        validated = null;
        if (JwsCompact.TryParse(jwt, MaxJwtLength, out var jws) != JoseFailure.None)
        {
            return TrustedJwtFailure.Invalid;
        }

        var claims = jws!.Payload;
        if (!claims.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String
            || !_issuers.TryGetValue(iss.GetString()!, out var issuer))
        {
            return TrustedJwtFailure.UntrustedIssuer;
        }

        var key = issuer.Keys.Select(jws.KeyId, jws.Algorithm);
        if (key is null || jws.VerifyWith(key, issuer.Algorithms) != JoseFailure.None)
        {
            return TrustedJwtFailure.Invalid;
        }

        if (JwtClaimChecks.CheckTimes(claims, time, JwtClaimChecks.DefaultClockSkew, maxLifetime, requireExpiry: true, out var expiresAt) != JoseFailure.None)
        {
            return TrustedJwtFailure.Invalid;
        }

        if (audiences is not null && !JwtClaimChecks.HasAudience(claims, audiences))
        {
            return TrustedJwtFailure.Invalid;
        }

        if (!claims.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(sub.GetString()))
        {
            return TrustedJwtFailure.Invalid;
        }

        validated = new TrustedJwt(iss.GetString()!, sub.GetString()!, expiresAt, claims);
        return TrustedJwtFailure.None;
    }
}

/// <summary>Why a JWT from a (supposedly) trusted issuer was refused.</summary>
internal enum TrustedJwtFailure
{
    None = 0,
    Invalid,
    UntrustedIssuer,
}

/// <summary>A verified JWT: its issuer, subject, the time a replay cache must remember it until, and its claims.</summary>
internal sealed record TrustedJwt(string Issuer, string Subject, DateTimeOffset ExpiresAt, JsonElement Claims)
{
    public string? GetString(string name)
        => Claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
