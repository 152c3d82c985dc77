using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OAuth2.Jwt;

namespace OAuth2.Core.Tests.Jwt;

public sealed class JwtClaimChecksTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    private static JoseFailure Check(object claims, TimeSpan? maxLifetime = null, bool requireExpiry = true)
        => JwtClaimChecks.CheckTimes(JsonSerializer.SerializeToElement(claims), new FakeTimeProvider(Now), Skew, maxLifetime, requireExpiry, out _);

    private static long At(int seconds) => Now.AddSeconds(seconds).ToUnixTimeSeconds();

    [Fact]
    public void Exp_is_required_when_asked_and_must_be_a_number()
    {
        // RFC 7523 section 3 item 4: the JWT MUST contain an exp claim.
        Assert.Equal(JoseFailure.ClaimMissing, Check(new { }));
        Assert.Equal(JoseFailure.None, Check(new { }, requireExpiry: false));
        Assert.Equal(JoseFailure.ClaimMissing, Check(new { exp = At(60).ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Equal(JoseFailure.None, Check(new { exp = At(60) + 0.5 }));
    }

    [Fact]
    public void Exp_in_the_past_beyond_the_skew_is_expired()
    {
        // RFC 7519 section 4.1.4, with a small leeway for clock skew.
        Assert.Equal(JoseFailure.None, Check(new { exp = At(-29) }));
        Assert.Equal(JoseFailure.Expired, Check(new { exp = At(-30) }));
    }

    [Fact]
    public void Nbf_and_iat_in_the_future_beyond_the_skew_are_not_yet_valid()
    {
        // RFC 7519 sections 4.1.5 and 4.1.6.
        Assert.Equal(JoseFailure.None, Check(new { exp = At(60), nbf = At(30), iat = At(30) }));
        Assert.Equal(JoseFailure.NotYetValid, Check(new { exp = At(60), nbf = At(31) }));
        Assert.Equal(JoseFailure.NotYetValid, Check(new { exp = At(60), iat = At(31) }));
    }

    [Fact]
    public void Exp_further_ahead_than_the_maximum_lifetime_is_refused()
    {
        var fiveMinutes = TimeSpan.FromMinutes(5);
        Assert.Equal(JoseFailure.None, Check(new { exp = At(330) }, fiveMinutes));
        Assert.Equal(JoseFailure.LifetimeTooLong, Check(new { exp = At(331) }, fiveMinutes));
    }

    [Fact]
    public void Expiry_to_remember_covers_the_skew()
    {
        var claims = JsonSerializer.SerializeToElement(new { exp = At(60) });
        Assert.Equal(JoseFailure.None, JwtClaimChecks.CheckTimes(claims, new FakeTimeProvider(Now), Skew, null, true, out var until));
        Assert.Equal(Now.AddSeconds(90), until);
    }

    [Fact]
    public void Audience_is_a_string_or_an_array_of_strings()
    {
        string[] accepted = ["https://as.example", "https://as.example/token"];
        Assert.True(JwtClaimChecks.HasAudience(JsonSerializer.SerializeToElement(new { aud = "https://as.example" }), accepted));
        Assert.True(JwtClaimChecks.HasAudience(JsonSerializer.SerializeToElement(new { aud = new object[] { 1, "https://as.example/token" } }), accepted));
        Assert.False(JwtClaimChecks.HasAudience(JsonSerializer.SerializeToElement(new { aud = "https://AS.example" }), accepted));
        Assert.False(JwtClaimChecks.HasAudience(JsonSerializer.SerializeToElement(new { }), accepted));
    }
}
