using System.Text.Json;

namespace OAuth2.Jwt;

/// <summary>
/// The public keys of one JWK set (RFC 7517 section 5), e.g. a client's registered <c>jwks</c>, and the rule that picks
/// the one key a JWS is checked against, so a request costs at most one signature verification.
/// </summary>
internal sealed class VerificationKeySet
{
    /// <summary>The longest JWK set text accepted (a handful of RSA keys fits with room to spare).</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>The most keys one set may hold.</summary>
    public const int MaxKeys = 16;

    private VerificationKeySet(IReadOnlyList<JsonWebKey> keys) => Keys = keys;

    public IReadOnlyList<JsonWebKey> Keys { get; }

    /// <summary>
    /// Parses <c>{"keys":[...]}</c>. Keys of a type or curve this library does not verify with are skipped, as RFC 7517
    /// section 5 advises; a key with private members, a malformed supported key, or an oversized set fails the whole set,
    /// since each means the registration itself is wrong.
    /// </summary>
    public static JoseFailure TryParse(string? json, out VerificationKeySet? set)
    {
        set = null;
        if (string.IsNullOrEmpty(json) || json.Length > MaxLength || !JoseJson.TryParseObject(json, out var root)
            || !root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() > MaxKeys)
        {
            return JoseFailure.BadKeySet;
        }

        var imported = new List<JsonWebKey>(keys.GetArrayLength());
        foreach (var jwk in keys.EnumerateArray())
        {
            var failure = JsonWebKey.TryImport(jwk, out var key);
            if (key is not null)
            {
                imported.Add(key);
            }
            else if (failure != JoseFailure.None && !IsUnsupportedButPublic(jwk))
            {
                return JoseFailure.BadKeySet;
            }
        }

        set = new VerificationKeySet(imported);
        return JoseFailure.None;
    }

    /// <summary>
    /// The single key that may verify a JWS with this <c>kid</c> (or none) and <c>alg</c>: with a <c>kid</c>, the one
    /// key carrying it that fits the algorithm; without, the only key that fits (OpenID Connect Core section 10.1: a
    /// set with several keys needs a <c>kid</c>). <c>null</c> when zero or several keys qualify.
    /// </summary>
    public JsonWebKey? Select(string? keyId, string algorithm)
    {
        JsonWebKey? chosen = null;
        foreach (var key in Keys)
        {
            if ((keyId is not null && !string.Equals(key.KeyId, keyId, StringComparison.Ordinal)) || !key.CanVerify(algorithm))
            {
                continue;
            }

            if (chosen is not null)
            {
                return null;
            }

            chosen = key;
        }

        return chosen;
    }

    // A key of another type (OKP, an EC curve we do not verify with) is skipped; a symmetric or private one is not.
    private static bool IsUnsupportedButPublic(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object || !jwk.TryGetProperty("kty", out var kty) || kty.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        if (jwk.TryGetProperty("d", out _) || jwk.TryGetProperty("k", out _))
        {
            return false;
        }

        return kty.GetString() switch
        {
            "EC" => jwk.TryGetProperty("crv", out var crv) && crv.ValueKind == JsonValueKind.String && crv.GetString() is not ("P-256" or "P-384"),
            "RSA" or "oct" => false,
            _ => true,
        };
    }
}
