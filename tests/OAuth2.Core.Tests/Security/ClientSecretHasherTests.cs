using System.Security.Cryptography;
using System.Text;
using OAuth2.Security;

namespace OAuth2.Core.Tests.Security;

/// <summary>Client secret hashing: sha256 for generated secrets, PBKDF2 for chosen ones, constant-time checks.</summary>
public sealed class ClientSecretHasherTests
{
    [Fact]
    public void Sha256_format_is_prefix_and_base64_of_the_digest()
    {
        var expected = "sha256$" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("s3cret")));
        Assert.Equal(expected, ClientSecretHasher.HashGeneratedSecret("s3cret"));
    }

    [Fact]
    public void Sha256_hash_verifies_its_secret_only()
    {
        var hash = ClientSecretHasher.HashGeneratedSecret("s3cret");
        Assert.True(ClientSecretHasher.Verify("s3cret", hash));
        Assert.False(ClientSecretHasher.Verify("s3cret ", hash));
        Assert.False(ClientSecretHasher.Verify("S3cret", hash));
        Assert.False(ClientSecretHasher.Verify(string.Empty, hash));
    }

    [Fact]
    public void Pbkdf2_format_names_iterations_salt_and_hash()
    {
        var hash = ClientSecretHasher.HashChosenSecret("chosen", iterations: 1000);
        var parts = hash.Split('$');
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("1000", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
    }

    [Fact]
    public void Pbkdf2_hash_verifies_its_secret_only()
    {
        var hash = ClientSecretHasher.HashChosenSecret("chosen", iterations: 1000);
        Assert.True(ClientSecretHasher.Verify("chosen", hash));
        Assert.False(ClientSecretHasher.Verify("Chosen", hash));
    }

    [Fact]
    public void Pbkdf2_salts_every_hash()
        => Assert.NotEqual(ClientSecretHasher.HashChosenSecret("chosen", 1000), ClientSecretHasher.HashChosenSecret("chosen", 1000));

    [Fact]
    public void Pbkdf2_default_iterations_follow_owasp()
    {
        Assert.Equal(600_000, ClientSecretHasher.Pbkdf2Iterations);
        Assert.StartsWith("pbkdf2-sha256$600000$", ClientSecretHasher.HashChosenSecret("x"), StringComparison.Ordinal);
    }

    [Fact]
    public void Pbkdf2_hash_from_an_independent_computation_verifies()
    {
        var salt = new byte[16];
        var derived = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("pw"), salt, 10, HashAlgorithmName.SHA256, 32);
        Assert.True(ClientSecretHasher.Verify("pw", $"pbkdf2-sha256$10${Convert.ToBase64String(salt)}${Convert.ToBase64String(derived)}"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s3cret")]
    [InlineData("md5$abc")]
    [InlineData("SHA256$")]
    [InlineData("sha256$")]
    [InlineData("sha256$not-base64!!")]
    [InlineData("pbkdf2-sha256$")]
    [InlineData("pbkdf2-sha256$1000$AAAA")]
    [InlineData("pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    [InlineData("pbkdf2-sha256$-5$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    [InlineData("pbkdf2-sha256$x$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    [InlineData("pbkdf2-sha256$1000$!!$AAAA")]
    [InlineData("pbkdf2-sha256$1000$AAAA$!!")]
    [InlineData("pbkdf2-sha256$1000$AAAA$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$")]
    [InlineData("pbkdf2-sha256$1000$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Unknown_or_malformed_hashes_never_verify(string? stored)
        => Assert.False(ClientSecretHasher.Verify("s3cret", stored));

    [Fact]
    public void A_stored_plaintext_secret_never_verifies()
        => Assert.False(ClientSecretHasher.Verify("sha256$abc", "sha256$abc"));

    [Fact]
    public void Tampered_sha256_hash_does_not_verify()
    {
        var hash = ClientSecretHasher.HashGeneratedSecret("s3cret");
        var bytes = Convert.FromBase64String(hash["sha256$".Length..]);
        bytes[^1] ^= 1;
        Assert.False(ClientSecretHasher.Verify("s3cret", "sha256$" + Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void Tampered_pbkdf2_parts_do_not_verify()
    {
        var parts = ClientSecretHasher.HashChosenSecret("chosen", 1000).Split('$');
        var salt = Convert.FromBase64String(parts[2]);
        salt[0] ^= 1;
        Assert.False(ClientSecretHasher.Verify("chosen", $"{parts[0]}$1000${Convert.ToBase64String(salt)}${parts[3]}"));
        Assert.False(ClientSecretHasher.Verify("chosen", $"{parts[0]}$1001${parts[2]}${parts[3]}"));
        var truncated = Convert.FromBase64String(parts[3])[..16];
        Assert.False(ClientSecretHasher.Verify("chosen", $"{parts[0]}$1000${parts[2]}${Convert.ToBase64String(truncated)}"));
    }

    [Fact]
    public void Hashing_refuses_empty_secrets_and_bad_iterations()
    {
        Assert.ThrowsAny<ArgumentException>(() => ClientSecretHasher.HashGeneratedSecret(string.Empty));
        Assert.ThrowsAny<ArgumentException>(() => ClientSecretHasher.HashChosenSecret(null!));
        Assert.ThrowsAny<ArgumentException>(() => ClientSecretHasher.HashChosenSecret("x", 0));
        Assert.Throws<ArgumentNullException>(() => ClientSecretHasher.Verify(null!, "sha256$"));
    }

    [Fact]
    public void Unicode_secrets_hash_as_utf8()
    {
        var hash = ClientSecretHasher.HashGeneratedSecret("p\u00e4ss\u20ac");
        Assert.True(ClientSecretHasher.Verify("p\u00e4ss\u20ac", hash));
        Assert.False(ClientSecretHasher.Verify("pass", hash));
    }

    [Fact]
    public void Generated_secrets_are_256_bit_base64url()
    {
        var secret = ClientSecretHasher.GenerateSecret();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", secret);
        Assert.NotEqual(secret, ClientSecretHasher.GenerateSecret());
        Assert.True(ClientSecretHasher.Verify(secret, ClientSecretHasher.HashGeneratedSecret(secret)));
    }
}
