using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OAuth2.AspNetCore.Tests.Support;

/// <summary>
/// A <c>private_key_jwt</c> client's ES256 key: the public JWK set the server registers, and the assertions the
/// client signs with the private half (RFC 7523 section 2.2), written here from the RFC.
/// </summary>
public sealed class ClientAssertionKey(string clientId, string keyId) : IDisposable
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string ClientId => clientId;

    /// <summary>The public JWK set, as the <c>Jwks</c> of the client's configuration.</summary>
    public string JwksJson
    {
        get
        {
            var p = _key.ExportParameters(false);
            return JsonSerializer.Serialize(new { keys = new[] { new { kty = "EC", crv = "P-256", kid = keyId, x = Base64Url.EncodeToString(p.Q.X), y = Base64Url.EncodeToString(p.Q.Y) } } });
        }
    }

    /// <summary>A fresh assertion (new <c>jti</c>, one minute) for <paramref name="audience"/>.</summary>
    public string Assertion(string audience)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { alg = "ES256", kid = keyId, typ = "JWT" }));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = clientId,
            sub = clientId,
            aud = audience,
            jti = Guid.NewGuid().ToString("N"),
            iat = now.ToUnixTimeSeconds(),
            exp = now.AddSeconds(60).ToUnixTimeSeconds(),
        }));
        var input = header + "." + payload;
        return input + "." + Base64Url.EncodeToString(_key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    public void Dispose() => _key.Dispose();
}
