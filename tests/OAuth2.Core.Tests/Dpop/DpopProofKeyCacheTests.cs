using System.Text.Json;
using OAuth2.Core.Tests.Support;
using OAuth2.Dpop;
using OAuth2.Errors;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Dpop;

/// <summary>
/// The cache of proof keys (a client signs every proof with one key): it saves the import, never the signature check
/// (RFC 9449 section 4.3 rule 7 still runs on every proof), and stays bounded under a flood of distinct keys.
/// </summary>
public sealed class DpopProofKeyCacheTests
{
    private static JsonElement Jwk(JoseTestKit key, bool includePrivate = false)
        => JsonSerializer.SerializeToElement(key.PublicJwk(withKid: false, includePrivate: includePrivate));

    [Fact]
    public void TheSameJwkTextGivesTheKeyImportedTheFirstTime()
    {
        var cache = new DpopProofKeyCache();
        var jwk = Jwk(JoseTestKit.Es256());

        Assert.True(cache.TryGetOrImport(jwk, out var first, out _));
        Assert.True(cache.TryGetOrImport(jwk, out var second, out _));

        Assert.Same(first, second);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Section4_3_Rule6_APrivateJwkIsRefusedAndNotKept()
    {
        var cache = new DpopProofKeyCache();

        Assert.False(cache.TryGetOrImport(Jwk(JoseTestKit.Es256(), includePrivate: true), out var key, out _));

        Assert.Null(key);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void AFloodOfDistinctKeysNeverKeepsMoreThanTheCapacity()
    {
        var cache = new DpopProofKeyCache();
        var one = JoseTestKit.Es256();
        var members = one.PublicJwk(withKid: false);

        // Distinct texts for one key (a kid per entry) import like distinct keys and cost no key generation here.
        for (var i = 0; i < DpopProofKeyCache.Capacity + 10; i++)
        {
            var jwk = new Dictionary<string, object?>(members, StringComparer.Ordinal) { ["kid"] = $"k{i}" };
            Assert.True(cache.TryGetOrImport(JsonSerializer.SerializeToElement(jwk), out _, out _));
            Assert.True(cache.Count <= DpopProofKeyCache.Capacity);
        }

        Assert.InRange(cache.Count, 1, DpopProofKeyCache.Capacity);
    }

    [Fact]
    public void AKeyTooLongToKeepIsHandedToTheCallerToDispose()
    {
        var cache = new DpopProofKeyCache();
        var jwk = JoseTestKit.Es256().PublicJwk(withKid: false);
        jwk["x-padding"] = new string('p', 4096); // unknown members are allowed, and make the text too long to keep

        Assert.True(cache.TryGetOrImport(JsonSerializer.SerializeToElement(jwk), out var key, out var owned));

        Assert.NotNull(key);
        Assert.True(owned);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void AKeptKeyIsNotTheCallersToDispose()
    {
        var cache = new DpopProofKeyCache();

        Assert.True(cache.TryGetOrImport(Jwk(JoseTestKit.Es256()), out _, out var owned));

        Assert.False(owned);
    }

    [Fact]
    public async Task Section4_3_Rule7_AForgedProofWithAKeyAlreadyCachedIsStillRefused()
    {
        var harness = DpopProofs.Harness();
        var client = DpopProofs.Es256();
        var attacker = DpopProofs.Es256();

        // The client's key is imported and kept by its first, valid proof.
        Assert.True((await harness.TokenAsync(DpopProofs.TokenRequest(proofs: client.Proof()))).Succeeded);

        // The same jwk text, signed by another key: the signature is checked again and fails.
        var forged = attacker.Proof(jwk: client.Key.PublicJwk(withKid: false));
        var result = await harness.TokenAsync(DpopProofs.TokenRequest(proofs: forged));

        Assert.False(result.Succeeded);
        Assert.Equal(InvalidDpopProofException.Code, result.Response.Body!["error"]);
        Assert.Equal(ErrorIds.DpopProofSignatureInvalid, result.Error!.ErrorId);
    }

    [Fact]
    public async Task TwoProofsWithOneKeyBindBothTokensToThatKey()
    {
        var harness = DpopProofs.Harness();
        var client = DpopProofs.Es256();

        var first = await harness.TokenAsync(DpopProofs.TokenRequest(proofs: client.Proof()));
        var second = await harness.TokenAsync(DpopProofs.TokenRequest(proofs: client.Proof()));

        Assert.True(first.Succeeded && second.Succeeded, second.Error?.Description);
        Assert.Equal(client.Thumbprint, first.Value.JwkThumbprint);
        Assert.Equal(client.Thumbprint, second.Value.JwkThumbprint);
    }
}
