using System.Text;
using Microsoft.AspNetCore.Http;
using OAuth2.AspNetCore.Http;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Tests.Mapping;

/// <summary>OAuth2Response → HttpResponse on a <see cref="DefaultHttpContext"/>.</summary>
public sealed class ResponseWritingTests
{
    [Fact]
    public async Task CopiesStatusHeadersAndJsonBody()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var response = new OAuth2Response { StatusCode = 400, Body = new Dictionary<string, object?> { ["error"] = "invalid_request" } };
        response.Headers["Cache-Control"] = "no-store";

        await response.WriteToAsync(context, TestContext.Current.CancellationToken);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal("{\"error\":\"invalid_request\"}", Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    [Fact]
    public async Task Redirect_SetsLocationAndNoBody()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var response = new OAuth2Response();
        response.Redirect("https://client.example/cb?code=x", 303);

        await response.ToHttpResult().ExecuteAsync(context);

        Assert.Equal(303, context.Response.StatusCode);
        Assert.Equal("https://client.example/cb?code=x", context.Response.Headers.Location.ToString());
        Assert.Equal(0, context.Response.Body.Length);
    }
}
