using System.Text.Json;

namespace OAuth2.Jwt;

/// <summary>
/// The time and audience checks of RFC 7519 section 4.1 shared by every JWT this library accepts from a client
/// (assertions, DPoP proofs, JWT bearer grants). Times come from the caller's <see cref="TimeProvider"/>.
/// </summary>
internal static class JwtClaimChecks
{
    /// <summary>The clock skew allowed when nothing else is configured.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads a NumericDate (RFC 7519 section 2: seconds since the epoch, a JSON number, fractions allowed and dropped).
    /// <c>null</c> when absent; <c>false</c> when present but not a number in range.
    /// </summary>
    public static bool TryGetNumericDate(JsonElement claims, string name, out DateTimeOffset? value)
    {
        value = null;
        if (!claims.TryGetProperty(name, out var member))
        {
            return true;
        }

        if (member.ValueKind != JsonValueKind.Number || !member.TryGetDouble(out var seconds) || double.IsNaN(seconds)
            || seconds < 0 || seconds > 253402300799d)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
        return true;
    }

    /// <summary>
    /// Checks <c>exp</c> (required when <paramref name="requireExpiry"/>), <c>nbf</c> and <c>iat</c> against now, with
    /// <paramref name="clockSkew"/> either way; and, when <paramref name="maxLifetime"/> is given, that <c>exp</c> is no
    /// further than that from now, so a client cannot mint a long-lived credential. <paramref name="expiresAt"/> is what
    /// a replay cache must remember the JWT until.
    /// </summary>
    public static JoseFailure CheckTimes(JsonElement claims, TimeProvider time, TimeSpan clockSkew, TimeSpan? maxLifetime, bool requireExpiry, out DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        expiresAt = now;
        if (!TryGetNumericDate(claims, "exp", out var exp) || !TryGetNumericDate(claims, "nbf", out var nbf) || !TryGetNumericDate(claims, "iat", out var iat))
        {
            return JoseFailure.ClaimMissing;
        }

        if (exp is null && requireExpiry)
        {
            return JoseFailure.ClaimMissing;
        }

        if (exp is { } expiry)
        {
            if (expiry + clockSkew <= now)
            {
                return JoseFailure.Expired;
            }

            if (maxLifetime is { } max && expiry - now > max + clockSkew)
            {
                return JoseFailure.LifetimeTooLong;
            }

            expiresAt = expiry + clockSkew;
        }

        if ((nbf is { } notBefore && notBefore - clockSkew > now) || (iat is { } issuedAt && issuedAt - clockSkew > now))
        {
            return JoseFailure.NotYetValid;
        }

        return JoseFailure.None;
    }

    /// <summary>Whether <c>aud</c> (a string or an array of strings, RFC 7519 section 4.1.3) contains one of <paramref name="accepted"/>.</summary>
    public static bool HasAudience(JsonElement claims, IReadOnlyCollection<string> accepted)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return accepted.Contains(aud.GetString()!);
        }

        return aud.ValueKind == JsonValueKind.Array
            && aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && accepted.Contains(a.GetString()!));
    }
}
