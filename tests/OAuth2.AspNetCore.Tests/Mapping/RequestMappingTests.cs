using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.AspNetCore.Http;

namespace OAuth2.AspNetCore.Tests.Mapping;

/// <summary>HttpContext → OAuth2Request on a <see cref="DefaultHttpContext"/>, without a server.</summary>
public sealed class RequestMappingTests
{
    private static DefaultHttpContext Context(string method, string? contentType, byte[]? body, string query = "", long? maxBody = null, int? maxParameters = null)
    {
        var services = new ServiceCollection();
        services.AddOptions();
        if (maxBody is { } limit)
        {
            services.Configure<OAuth2HttpOptions>(o => o.MaxFormBodySize = limit);
        }

        if (maxParameters is { } cap)
        {
            services.Configure<OAuth2HttpOptions>(o => o.MaxParameters = cap);
        }

        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        context.Request.Method = method;
        context.Request.Path = "/token";
        context.Request.QueryString = new QueryString(query);
        if (contentType is not null)
        {
            context.Request.ContentType = contentType;
        }

        if (body is not null)
        {
            context.Request.Body = new MemoryStream(body);
            context.Request.ContentLength = body.Length;
        }

        return context;
    }

    [Fact]
    public async Task MapsMethodHeadersQueryAndForm()
    {
        var context = Context("post", "application/x-www-form-urlencoded; charset=utf-8", Encoding.ASCII.GetBytes("grant_type=password&username=J%C3%BCrgen+X&scope="), "?a=1&a=2");
        context.Request.Headers.Append("X-Test", "one");
        context.Request.Headers.Append("X-Test", "two");

        var read = await context.ReadOAuth2RequestAsync(TestContext.Current.CancellationToken);

        Assert.True(read.Succeeded);
        Assert.Equal("POST", read.Request.Method);
        Assert.Equal("/token", read.Request.Path);
        Assert.Equal(["one", "two"], read.Request.Headers.GetAll("x-test"));
        Assert.Equal(["1", "2"], read.Request.Query.GetAll("a"));
        Assert.Equal("Jürgen X", read.Request.Form.GetSingle("username"));
        Assert.True(read.Request.Form.Contains("scope"));
    }

    [Fact]
    public async Task LeavesTheBodyReadableAfterwards()
    {
        var context = Context("POST", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("a=b"));
        await context.ReadOAuth2RequestAsync(TestContext.Current.CancellationToken);

        var form = await context.Request.ReadFormAsync(TestContext.Current.CancellationToken);
        Assert.Equal("b", form["a"].ToString());
    }

    [Fact]
    public async Task DoesNotReadANonFormBody()
    {
        var context = Context("POST", "application/json", Encoding.ASCII.GetBytes("{\"a\":1}"));
        var read = await context.ReadOAuth2RequestAsync(TestContext.Current.CancellationToken);

        Assert.True(read.Succeeded);
        Assert.Equal(0, read.Request.Form.Count);
        Assert.Equal(0, context.Request.Body.Position);
    }

    [Theory]
    [InlineData("a=%zz")]
    [InlineData("a=%E2%82")]
    [InlineData("a=%0A")]
    public async Task MalformedForm_IsInvalidRequest400(string body)
    {
        var read = await Context("POST", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes(body)).ReadOAuth2RequestAsync(TestContext.Current.CancellationToken);

        Assert.False(read.Succeeded);
        Assert.Equal("invalid_request", read.Error.Error);
        Assert.Equal(400, read.ErrorResponse.StatusCode);
    }

    [Fact]
    public async Task RawInvalidUtf8_IsInvalidRequest400()
    {
        var read = await Context("POST", "application/x-www-form-urlencoded", [(byte)'a', (byte)'=', 0xFF]).ReadOAuth2RequestAsync(TestContext.Current.CancellationToken);

        Assert.False(read.Succeeded);
        Assert.Equal(400, read.ErrorResponse.StatusCode);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413_EvenWithoutContentLength()
    {
        var context = Context("POST", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("a=" + new string('x', 200)), maxBody: 100);
        context.Request.ContentLength = null;

        var read = await context.ReadOAuth2RequestAsync(TestContext.Current.CancellationToken);

        Assert.False(read.Succeeded);
        Assert.Equal(413, read.ErrorResponse.StatusCode);
        Assert.Equal("invalid_request", read.Error.Error);
    }

    [Fact]
    public async Task BodyAtTheLimit_IsRead()
    {
        var body = "a=" + new string('x', 98);
        var read = await Context("POST", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes(body), maxBody: 100).ReadOAuth2RequestAsync(TestContext.Current.CancellationToken);

        Assert.True(read.Succeeded);
        Assert.Equal(98, read.Request.Form.GetSingle("a")!.Length);
    }

    private static string Pairs(int count, string prefix = "p") => string.Join('&', Enumerable.Range(0, count).Select(i => prefix + i + "=v"));

    [Theory]
    [InlineData(null, 100)]
    [InlineData(3, 3)]
    [InlineData(2_000, 2_000)]
    public async Task FormAtTheParameterCap_IsRead_AndOneMore_IsInvalidRequest400(int? configured, int cap)
    {
        var atCap = await Context("POST", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes(Pairs(cap)), maxParameters: configured)
            .ReadOAuth2RequestAsync(TestContext.Current.CancellationToken);
        var over = await Context("POST", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes(Pairs(cap) + "&a"), maxParameters: configured)
            .ReadOAuth2RequestAsync(TestContext.Current.CancellationToken);

        Assert.True(atCap.Succeeded);
        Assert.Equal(cap, atCap.Request.Form.Count);
        Assert.False(over.Succeeded);
        Assert.Equal(400, over.ErrorResponse.StatusCode);
        Assert.Equal("invalid_request", over.Error.Error);
        Assert.Contains($"more than {cap} parameters", over.Error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAndForm_AreCappedEachOnItsOwn()
    {
        var both = await Context("POST", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes(Pairs(3, "f")), query: "?" + Pairs(3, "q"), maxParameters: 3)
            .ReadOAuth2RequestAsync(TestContext.Current.CancellationToken);
        var query = await Context("GET", null, null, query: "?" + string.Join('&', Enumerable.Repeat("a", 4)), maxParameters: 3)
            .ReadOAuth2RequestAsync(TestContext.Current.CancellationToken);

        Assert.True(both.Succeeded);
        Assert.Equal(3, both.Request.Query.Count);
        Assert.Equal(3, both.Request.Form.Count);
        Assert.False(query.Succeeded);
        Assert.Equal(400, query.ErrorResponse.StatusCode);
        Assert.Equal("invalid_request", query.Error.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ParameterCapBelowOne_IsRefusedWhenSet(int cap)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new OAuth2HttpOptions { MaxParameters = cap });
}
