using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Support;

/// <summary>The client's side of DPoP (RFC 9449 section 4): a key, and proofs signed with it for one request.</summary>
internal sealed class DpopProofs(JoseTestKit key)
{
    public const string TokenUrl = "https://as.example.com/token";
    public const string ResourceUrl = "https://api.example.com/me";

    public JoseTestKit Key { get; } = key;

    /// <summary>The key's RFC 7638 thumbprint, computed here from the JWK members independently of the server.</summary>
    public string Thumbprint
    {
        get
        {
            var jwk = Key.PublicJwk(withKid: false);
            var canonical = (string)jwk["kty"]! == "EC"
                ? $"{{\"crv\":\"{jwk["crv"]}\",\"kty\":\"EC\",\"x\":\"{jwk["x"]}\",\"y\":\"{jwk["y"]}\"}}"
                : $"{{\"e\":\"{jwk["e"]}\",\"kty\":\"RSA\",\"n\":\"{jwk["n"]}\"}}";
            return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
    }

    public static DpopProofs Es256() => new(JoseTestKit.Es256());

    /// <summary>A harness whose server remembers proofs in an in-process replay cache, as the DI registration gives it one.</summary>
    public static Support.Harness Harness()
    {
        var harness = new Support.Harness();
        harness.Options.Dpop.ReplayCache = new OAuth2.Storage.InMemory.InMemoryReplayCache();
        return harness;
    }

    /// <summary>A proof for <paramref name="method"/> <paramref name="url"/>; every claim can be overridden or removed (null).</summary>
    public string Proof(
        string method = "POST",
        string url = TokenUrl,
        DateTimeOffset? issuedAt = null,
        string? jti = null,
        string? accessToken = null,
        string? nonce = null,
        string typ = "dpop+jwt",
        Dictionary<string, object?>? jwk = null,
        Action<Dictionary<string, object?>>? edit = null)
    {
        var claims = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["jti"] = jti ?? Guid.NewGuid().ToString("N"),
            ["htm"] = method,
            ["htu"] = url,
            ["iat"] = (issuedAt ?? Support.Harness.Start).ToUnixTimeSeconds(),
        };
        if (accessToken is not null)
        {
            claims["ath"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
        }

        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        edit?.Invoke(claims);
        return Key.Sign(claims, withKid: false, typ: typ, extraHeader: new() { ["jwk"] = jwk ?? Key.PublicJwk(withKid: false) });
    }

    /// <summary>A client_credentials token request for c1 at <see cref="TokenUrl"/> carrying <paramref name="proofs"/>.</summary>
    public static OAuth2Request TokenRequest(string body = "grant_type=client_credentials", string? clientId = "c1", string? url = TokenUrl, params string[] proofs)
    {
        var request = clientId is null ? Requests.Token(body) : Requests.Token(body, Requests.Basic(clientId, TestClients.Secret));
        return WithProofs(request, url, proofs);
    }

    public static OAuth2Request ResourceRequest(string authorization, string? url = ResourceUrl, params string[] proofs)
        => WithProofs(Requests.Resource(authorization), url, proofs);

    private static OAuth2Request WithProofs(OAuth2Request request, string? url, string[] proofs)
    {
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => (h.Key, v))).Concat(proofs.Select(p => ("DPoP", p))).ToArray();
        return request with { Headers = Requests.Headers(headers), Url = url };
    }
}
