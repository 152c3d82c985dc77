using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OAuth2.Sample.Server.Exchange;

/// <summary>
/// A stand-in for an external identity provider, for the demo only: an ES256 key made at start-up whose public half
/// the sample trusts, and a way to sign short-lived JWTs with it. A real deployment trusts its IdP's published keys
/// (<c>OAuth2:TrustedJwtIssuers</c>) and signs nothing itself.
/// </summary>
public sealed class DemoIdentityProvider : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _keyId = "demo-idp-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The public JWK set, as the trusted issuer entry takes it.</summary>
    public string PublicJwks()
    {
        var p = _key.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = _keyId, ["use"] = "sig", ["alg"] = "ES256",
                    ["x"] = Base64Url.EncodeToString(p.Q.X), ["y"] = Base64Url.EncodeToString(p.Q.Y),
                },
            },
        });
    }

    /// <summary>Signs <paramref name="claims"/> as a compact JWS (ES256).</summary>
    public string Sign(IReadOnlyDictionary<string, object> claims)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = _keyId });
        var input = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + Base64Url.EncodeToString(signature);
    }

    public void Dispose() => _key.Dispose();
}
