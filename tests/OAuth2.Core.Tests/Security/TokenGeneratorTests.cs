using OAuth2.Security;
using OAuth2.Storage;

namespace OAuth2.Core.Tests.Security;

/// <summary>RFC 6749 section 10.10: unguessable values; RFC 6750 b64token alphabet.</summary>
public sealed class TokenGeneratorTests
{
    [Fact]
    public void Values_are_43_base64url_characters()
    {
        for (var i = 0; i < 1000; i++)
        {
            Assert.Matches("^[A-Za-z0-9_-]{43}$", TokenGenerator.Generate());
        }
    }

    [Fact]
    public void Values_decode_to_32_bytes()
        => Assert.Equal(TokenGenerator.EntropyBytes, System.Buffers.Text.Base64Url.DecodeFromChars(TokenGenerator.Generate()).Length);

    [Fact]
    public void Ten_thousand_values_never_collide()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(seen.Add(TokenGenerator.Generate()));
        }
    }

    [Fact]
    public void Every_character_position_varies()
    {
        var samples = Enumerable.Range(0, 200).Select(_ => TokenGenerator.Generate()).ToArray();
        for (var position = 0; position < 43; position++)
        {
            Assert.True(samples.Select(s => s[position]).Distinct().Count() > 1, $"position {position} is constant");
        }
    }

    [Fact]
    public void Digest_is_sha256_of_utf8()
    {
        var digest = TokenDigest.Compute("abc");
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", digest.ToHex());
        Assert.Equal(TokenDigest.Length, digest.ToArray().Length);
    }

    [Fact]
    public void Digests_round_trip_and_compare_by_value()
    {
        var digest = TokenDigest.Compute("token");
        Assert.Equal(digest, TokenDigest.FromHex(digest.ToHex()));
        Assert.Equal(digest, TokenDigest.FromBytes(digest.ToArray()));
        Assert.Equal(digest.GetHashCode(), TokenDigest.Compute("token").GetHashCode());
        Assert.NotEqual(digest, TokenDigest.Compute("Token"));
    }

    [Fact]
    public void Long_and_unicode_values_digest_like_short_ones()
    {
        var longValue = new string('\u20ac', 1000);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(longValue)));
        Assert.Equal(expected, TokenDigest.Compute(longValue).ToHex());
    }
}
