using NSubstitute;
using NSubstitute.ExceptionExtensions;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;

namespace OAuth2.Core.Tests.Handlers;

/// <summary>
/// RFC 6750 section 3: <c>error_description</c> in the challenge may only hold %x20-21 / %x23-5B / %x5D-7E, whatever
/// text a model's own exception carries (a quote, a backslash, non-ASCII, a line break would break or split the header).
/// </summary>
public sealed class BearerChallengeSyntaxTests
{
    private const string Token = "mF_9.B5f-4.1JqM";

    public static TheoryData<string> Descriptions =>
    [
        "Invalid token: \"revoked\" by an administrator",
        "Invalid token: path C:\\tokens",
        "Invalid token: révoqué",
        "Invalid token: one\r\nX-Injected: two",
        "Invalid token: tab\there",
    ];

    [Theory]
    [MemberData(nameof(Descriptions))]
    public async Task Section_3_error_description_in_the_challenge_stays_within_its_charset(string description)
    {
        var h = new Harness();
        h.Model.GetAccessTokenAsync(Token, Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidTokenException(description));

        var result = await h.AuthenticateAsync(Requests.Resource("Bearer " + Token));

        Assert.Equal(401, result.Response.StatusCode);
        var challenge = result.Response.Headers["WWW-Authenticate"];
        var start = challenge.IndexOf("error_description=\"", StringComparison.Ordinal) + "error_description=\"".Length;
        var end = challenge.IndexOf('"', start);
        Assert.True(end > start, challenge);
        var value = challenge[start..end];
        Assert.All(value, c => Assert.True(c is (>= '\x20' and <= '\x21') or (>= '\x23' and <= '\x5B') or (>= '\x5D' and <= '\x7E'), $"U+{(int)c:X4} in {challenge}"));
        Assert.EndsWith("\"", challenge, StringComparison.Ordinal);
        Assert.StartsWith("Invalid token: ", value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section_3_a_description_already_within_the_charset_is_kept_as_it_is()
    {
        var h = new Harness();
        h.Model.GetAccessTokenAsync(Token, Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidTokenException("Invalid token: revoked (see `docs`) at 12:00!"));

        var result = await h.AuthenticateAsync(Requests.Resource("Bearer " + Token));

        Assert.Contains("error_description=\"Invalid token: revoked (see `docs`) at 12:00!\"", result.Response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }
}
