using System.Text.RegularExpressions;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Support;

/// <summary>Assertions on the RFC response shapes.</summary>
public static partial class Expect
{
    [GeneratedRegex(@"^[\x20\x21\x23-\x5B\x5D-\x7E]*$")]
    public static partial Regex DescriptionCharset();

    public static void NoStore(OAuth2Response response)
    {
        Assert.Equal("no-store", response.Headers["Cache-Control"]);
        Assert.Equal("no-cache", response.Headers["Pragma"]);
    }

    /// <summary>A JSON error response (token endpoint shape) with this code and status.</summary>
    public static void JsonError<T>(OAuth2Result<T> result, string error, int status)
        where T : class
    {
        Assert.False(result.Succeeded, "expected an error");
        var response = result.Response;
        Assert.Equal(status, response.StatusCode);
        Assert.NotNull(response.Body);
        Assert.Equal(error, response.Body["error"]);
        Assert.Matches(DescriptionCharset(), (string)response.Body["error_description"]!);
        Assert.StartsWith("application/json", response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.False(response.Headers.ContainsKey("Location"));
        NoStore(response);
        Assert.False(response.Body.ContainsKey("access_token"));
    }

    /// <summary>A token endpoint error: JSON, no-store, and the Basic challenge exactly on 401.</summary>
    public static void TokenError<T>(OAuth2Result<T> result, string error, int status = 400)
        where T : class
    {
        JsonError(result, error, status);
        if (status == 401)
        {
            Assert.StartsWith("Basic realm=", result.Response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
        }
        else
        {
            Assert.False(result.Response.Headers.ContainsKey("WWW-Authenticate"));
        }
    }

    /// <summary>An authorize error shown, not redirected (bad client or redirect URI).</summary>
    public static void NotRedirected<T>(OAuth2Result<T> result, string error)
        where T : class
    {
        JsonError(result, error, 400);
        Assert.Null(result.Response.RedirectLocation);
        Assert.False(result.Response.Headers.ContainsKey("WWW-Authenticate"));
    }

    /// <summary>An authorize error redirected to <paramref name="redirectUri"/>; returns the decoded query.</summary>
    public static ParameterCollection RedirectedError<T>(OAuth2Result<T> result, string error, string redirectUri = TestClients.RedirectUri, int status = 302)
        where T : class
    {
        Assert.False(result.Succeeded, "expected an error");
        Assert.Equal(status, result.Response.StatusCode);
        var location = result.Response.RedirectLocation;
        Assert.NotNull(location);
        Assert.Equal(location, result.Response.Headers["Location"]);
        Assert.StartsWith(redirectUri + (redirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?"), location, StringComparison.Ordinal);
        Assert.Null(result.Response.Body);
        var query = Requests.QueryOf(location);
        Assert.Equal(error, query.GetSingle("error"));
        Assert.Matches(DescriptionCharset(), query.GetSingle("error_description") ?? string.Empty);
        Assert.Null(query.GetSingle("code"));
        return query;
    }
}
