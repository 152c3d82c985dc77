using OAuth2.Errors;
using OAuth2.Scopes;

namespace OAuth2.Core.Tests.Scopes;

/// <summary>RFC 6749 section 3.3: scope-token = 1*NQCHAR, space-delimited.</summary>
public sealed class ScopeParserTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Absent_or_empty_is_no_scope(string? value)
        => Assert.Empty(ScopeParser.Parse(value));

    [Theory]
    [InlineData("read", new[] { "read" })]
    [InlineData("read write", new[] { "read", "write" })]
    [InlineData("write read", new[] { "write", "read" })]
    [InlineData("read read write", new[] { "read", "write" })]
    [InlineData("read  write", new[] { "read", "write" })]
    [InlineData(" read ", new[] { "read" })]
    [InlineData("urn:example:scope https://api.example/x", new[] { "urn:example:scope", "https://api.example/x" })]
    [InlineData("!#$%&'()*+,-./:;<=>?@[]^_`{|}~", new[] { "!#$%&'()*+,-./:;<=>?@[]^_`{|}~" })]
    [InlineData("Read read", new[] { "Read", "read" })]
    public void Parses_nqchar_tokens_keeping_order_and_dropping_duplicates(string value, string[] expected)
        => Assert.Equal(expected, ScopeParser.Parse(value));

    [Theory]
    [InlineData("\"read\"")]
    [InlineData("re\\ad")]
    [InlineData("read\twrite")]
    [InlineData("read\nwrite")]
    [InlineData("r\u00e9ad")]
    [InlineData("read\u007f")]
    [InlineData("read\u0000")]
    [InlineData(" ")]
    [InlineData("   ")]
    [InlineData("read \"write\"")]
    public void Anything_else_is_invalid_scope(string value)
    {
        var e = Assert.Throws<InvalidScopeException>(() => ScopeParser.Parse(value));
        Assert.Equal("invalid_scope", e.Error);
        Assert.Equal("Invalid parameter: `scope`", e.Message);
    }

    [Fact]
    public void Format_joins_with_single_spaces()
    {
        Assert.Equal("a b c", ScopeParser.Format(["a", "b", "c"]));
        Assert.Equal(string.Empty, ScopeParser.Format([]));
        Assert.Equal("a", ScopeParser.Format(["a"]));
    }

    [Theory]
    [InlineData(new string[0], new[] { "a" }, true)]
    [InlineData(new[] { "a" }, new[] { "a", "b" }, true)]
    [InlineData(new[] { "b", "a" }, new[] { "a", "b" }, true)]
    [InlineData(new[] { "a", "c" }, new[] { "a", "b" }, false)]
    [InlineData(new[] { "A" }, new[] { "a" }, false)]
    [InlineData(new[] { "a" }, new string[0], false)]
    public void Subset(string[] subset, string[] superset, bool expected)
        => Assert.Equal(expected, ScopeParser.IsSubset(subset, superset));

    [Fact]
    public void Parse_then_format_normalises_spacing()
        => Assert.Equal("read write", ScopeParser.Format(ScopeParser.Parse("  read   write read ")));
}
