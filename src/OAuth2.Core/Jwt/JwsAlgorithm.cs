using System.Security.Cryptography;

namespace OAuth2.Jwt;

/// <summary>
/// The asymmetric JWS algorithms (RFC 7518 section 3) this library verifies. An allow-list, not a dispatch on the
/// header: <c>none</c> and the HMAC family have no entry, so a public key can never be used as an HMAC secret.
/// </summary>
internal static class JwsAlgorithm
{
    public const string ES256 = "ES256";
    public const string ES384 = "ES384";
    public const string PS256 = "PS256";
    public const string RS256 = "RS256";

    /// <summary>Every algorithm the verifier knows, in the order the metadata documents list them.</summary>
    public static readonly IReadOnlyList<string> All = [ES256, ES384, PS256, RS256];

    /// <summary>Whether <paramref name="alg"/> is one of <see cref="All"/> (ordinal: <c>es256</c> is not ES256).</summary>
    public static bool IsKnown(string? alg) => alg is ES256 or ES384 or PS256 or RS256;

    /// <summary>The JWK <c>kty</c> an algorithm needs, and for EC the <c>crv</c>.</summary>
    public static (string KeyType, string? Curve) KeyTypeFor(string alg) => alg switch
    {
        ES256 => ("EC", "P-256"),
        ES384 => ("EC", "P-384"),
        _ => ("RSA", null),
    };

    /// <summary>Verifies with the key the caller chose; an unknown algorithm or a key of the wrong type is <c>false</c>.</summary>
    public static bool Verify(string alg, ECDsa? ecdsa, RSA? rsa, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            return alg switch
            {
                // IEEE P1363 r||s of fixed width (RFC 7518 section 3.4); a DER signature is refused by its length.
                ES256 => ecdsa is { KeySize: 256 } && signature.Length == 64
                    && ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                ES384 => ecdsa is { KeySize: 384 } && signature.Length == 96
                    && ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                RS256 => rsa is not null && signature.Length == (rsa.KeySize + 7) / 8
                    && rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                PS256 => rsa is not null && signature.Length == (rsa.KeySize + 7) / 8
                    && rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Signs (the server's own tokens, and tests); the counterpart of <see cref="Verify"/>.</summary>
    public static byte[] Sign(string alg, ECDsa? ecdsa, RSA? rsa, ReadOnlySpan<byte> data) => alg switch
    {
        ES256 => ecdsa!.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        ES384 => ecdsa!.SignData(data, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        RS256 => rsa!.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        PS256 => rsa!.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        _ => throw new ArgumentOutOfRangeException(nameof(alg)),
    };
}
