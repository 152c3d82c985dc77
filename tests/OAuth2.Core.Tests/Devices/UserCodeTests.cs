using OAuth2.Devices;

namespace OAuth2.Core.Tests.Devices;

public sealed class UserCodeTests
{
    [Fact]
    public void Generated_codes_use_only_the_alphabet_and_differ()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => UserCode.Generate()).ToList();

        Assert.All(codes, c => Assert.Matches("^[BCDFGHJKLMNPQRSTVWXZ]{8}$", c));
        Assert.True(codes.Distinct(StringComparer.Ordinal).Count() > 1990);
        Assert.Equal(UserCode.Alphabet.Length, codes.SelectMany(c => c).Distinct().Count());
    }

    [Theory]
    [InlineData("WDJB-MJHT", "WDJBMJHT")]
    [InlineData("wdjbmjht", "WDJBMJHT")]
    [InlineData(" wdjb mjht ", "WDJBMJHT")]
    [InlineData("W-D-J-B-M-J-H-T", "WDJBMJHT")]
    public void Normalize_accepts_what_people_type(string typed, string expected) => Assert.Equal(expected, UserCode.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("WDJB-MJH")]
    [InlineData("WDJB-MJHTX")]
    [InlineData("WDJB-MJH1")]
    [InlineData("WAJB-MJHT")]
    [InlineData("WDJB_MJHT")]
    [InlineData("ẞDJB-MJHT")]
    [InlineData("WDJB-MJHT                                      ")]
    public void Normalize_refuses_what_cannot_be_a_code(string? typed) => Assert.Null(UserCode.Normalize(typed));

    [Fact]
    public void Format_puts_the_dash_in_the_middle() => Assert.Equal("WDJB-MJHT", UserCode.Format("WDJBMJHT"));
}
