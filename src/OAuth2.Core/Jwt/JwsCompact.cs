using System.Text;
using System.Text.Json;

namespace OAuth2.Jwt;

/// <summary>
/// A parsed JWS in compact serialisation (RFC 7515 section 7.1) whose payload is a JWT claim set (RFC 7519). Parsing
/// checks form only; nothing here is trusted until <see cref="VerifyWith(JsonWebKey, ICollection{string})"/>
/// says so.
/// </summary>
internal sealed class JwsCompact
{
    private JwsCompact(JsonElement header, JsonElement payload, byte[] signingInput, byte[] signature, string algorithm)
    {
        Header = header;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
        Algorithm = algorithm;
    }

    /// <summary>The JOSE header, a detached JSON object.</summary>
    public JsonElement Header { get; }

    /// <summary>The claim set, a detached JSON object.</summary>
    public JsonElement Payload { get; }

    /// <summary>The ASCII bytes of <c>header.payload</c> as received: what the signature covers.</summary>
    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    /// <summary>The header's <c>alg</c>, already known to be in <see cref="JwsAlgorithm.All"/>.</summary>
    public string Algorithm { get; }

    /// <summary>The header's <c>kid</c>, or <c>null</c>.</summary>
    public string? KeyId => Header.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String ? kid.GetString() : null;

    /// <summary>The header's <c>typ</c>, or <c>null</c>.</summary>
    public string? Type => Header.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String ? typ.GetString() : null;

    /// <summary>
    /// Parses a compact JWS of at most <paramref name="maxLength"/> characters. The work is linear in the input: one
    /// pass to split, one to decode, one strict JSON parse each of header and payload.
    /// </summary>
    /// <remarks><paramref name="understoodCritical"/>: header names the caller processes, so they may appear in <c>crit</c>.</remarks>
    public static JoseFailure TryParse(string? compact, int maxLength, out JwsCompact? jws, IReadOnlyCollection<string>? understoodCritical = null)
    {
        jws = null;
        if (string.IsNullOrEmpty(compact) || compact.Length > maxLength)
        {
            return JoseFailure.Malformed;
        }

        var span = compact.AsSpan();
        var first = span.IndexOf('.');
        var last = span.LastIndexOf('.');
        if (first <= 0 || last == first || last == span.Length - 1 || span[(first + 1)..last].Contains('.') || last == first + 1)
        {
            // Three non-empty parts; an empty payload is legal JWS but never a JWT, and an empty signature is "none".
            return JoseFailure.Malformed;
        }

        if (!Base64UrlStrict.TryDecode(span[..first], out var headerBytes)
            || !Base64UrlStrict.TryDecode(span[(first + 1)..last], out var payloadBytes)
            || !Base64UrlStrict.TryDecode(span[(last + 1)..], out var signature))
        {
            return JoseFailure.BadEncoding;
        }

        if (!JoseJson.TryParseObject(headerBytes, out var header) || !JoseJson.TryParseObject(payloadBytes, out var payload))
        {
            return JoseFailure.BadJson;
        }

        if (!header.TryGetProperty("alg", out var algElement) || algElement.ValueKind != JsonValueKind.String || !JwsAlgorithm.IsKnown(algElement.GetString()))
        {
            return JoseFailure.AlgorithmNotAllowed;
        }

        var critical = CheckCritical(header, understoodCritical);
        if (critical != JoseFailure.None)
        {
            return critical;
        }

        jws = new JwsCompact(header, payload, Encoding.ASCII.GetBytes(compact, 0, last), signature, algElement.GetString()!);
        return JoseFailure.None;
    }

    /// <summary>
    /// Verifies the signature with <paramref name="key"/> if the header's algorithm is in <paramref name="allowedAlgorithms"/>
    /// and fits the key (its type, curve and, when the JWK names one, its <c>alg</c>).
    /// </summary>
    public JoseFailure VerifyWith(JsonWebKey key, ICollection<string> allowedAlgorithms)
    {
        if (!allowedAlgorithms.Contains(Algorithm))
        {
            return JoseFailure.AlgorithmNotAllowed;
        }

        if (!key.CanVerify(Algorithm))
        {
            return JoseFailure.KeyNotFound;
        }

        return JwsAlgorithm.Verify(Algorithm, key.Ecdsa, key.Rsa, SigningInput, Signature) ? JoseFailure.None : JoseFailure.BadSignature;
    }

    // RFC 7515 section 4.1.11: crit, when present, is a non-empty array of distinct header names that are present, that
    // the JWS specifications do not define, and that the recipient understands; anything else rejects the JWS. RFC 7797
    // b64 is not understood here, and a b64 outside crit is refused too, so no reader treats the payload as unencoded.
    private static JoseFailure CheckCritical(JsonElement header, IReadOnlyCollection<string>? understood)
    {
        if (header.TryGetProperty("b64", out var b64) && !(b64.ValueKind == JsonValueKind.True && (understood?.Contains("b64") ?? false)))
        {
            return JoseFailure.UnsupportedCritical;
        }

        if (!header.TryGetProperty("crit", out var crit))
        {
            return JoseFailure.None;
        }

        if (crit.ValueKind != JsonValueKind.Array || crit.GetArrayLength() == 0)
        {
            return JoseFailure.UnsupportedCritical;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in crit.EnumerateArray())
        {
            if (name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } text
                || !seen.Add(text) || RegisteredHeaders.Contains(text) || !header.TryGetProperty(text, out _)
                || understood is null || !understood.Contains(text))
            {
                return JoseFailure.UnsupportedCritical;
            }
        }

        return JoseFailure.None;
    }

    private static readonly HashSet<string> RegisteredHeaders = new(StringComparer.Ordinal)
    {
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc", "zip",
    };
}
