using System.Text.Json;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Http;

/// <summary>The framework-neutral request and response.</summary>
public sealed class OAuth2RequestResponseTests
{
    [Theory]
    [InlineData("application/x-www-form-urlencoded", true)]
    [InlineData("application/x-www-form-urlencoded; charset=UTF-8", true)]
    [InlineData("APPLICATION/X-WWW-FORM-URLENCODED", true)]
    [InlineData("application/x-www-form-urlencoded ;charset=utf-8", true)]
    [InlineData("application/json", false)]
    [InlineData("application/x-www-form-urlencoded-x", false)]
    [InlineData("text/plain; application/x-www-form-urlencoded", false)]
    public void Form_content_type_detection(string contentType, bool expected)
        => Assert.Equal(expected, new OAuth2Request { Method = "POST", Headers = Requests.Headers(("content-type", contentType)) }.HasFormContentType);

    [Fact]
    public void No_content_type_is_not_a_form()
        => Assert.False(new OAuth2Request { Method = "POST" }.HasFormContentType);

    [Fact]
    public void Header_lookup_ignores_case()
        => Assert.Equal("x", new OAuth2Request { Method = "GET", Headers = Requests.Headers(("X-Thing", "x")) }.GetHeader("x-thing"));

    [Fact]
    public void Repeated_header_is_invalid_request()
        => Assert.Throws<InvalidRequestException>(() => new OAuth2Request { Method = "GET", Headers = Requests.Headers(("A", "1"), ("a", "2")) }.GetHeader("A"));

    [Fact]
    public void Missing_header_is_null()
        => Assert.Null(new OAuth2Request { Method = "GET" }.GetHeader("Authorization"));

    [Fact]
    public void Redirect_sets_status_location_and_drops_the_body()
    {
        var response = new OAuth2Response { Body = new Dictionary<string, object?> { ["a"] = 1 } };
        response.Redirect("https://x.example/cb", 303);
        Assert.Equal(303, response.StatusCode);
        Assert.Equal("https://x.example/cb", response.Headers["location"]);
        Assert.Equal("https://x.example/cb", response.RedirectLocation);
        Assert.Null(response.Body);
        Assert.Empty(response.GetJsonBody());
    }

    [Fact]
    public void Json_body_is_utf8_and_does_not_escape_plain_characters()
    {
        var response = new OAuth2Response { Body = new Dictionary<string, object?> { ["scope"] = "a+b <c>", ["n"] = 5L } };
        using var json = JsonDocument.Parse(response.GetJsonBody());
        Assert.Equal("a+b <c>", json.RootElement.GetProperty("scope").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("n").GetInt64());
    }

    [Fact]
    public void Default_response_is_an_empty_200()
    {
        var response = new OAuth2Response();
        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Body);
        Assert.Empty(response.Headers);
    }
}
