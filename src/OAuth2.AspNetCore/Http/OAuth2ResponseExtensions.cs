using Microsoft.AspNetCore.Http;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Http;

/// <summary>Writes the core's <see cref="OAuth2Response"/> onto an ASP.NET Core response.</summary>
public static class OAuth2ResponseExtensions
{
    /// <summary>Copies status, headers (including <c>Location</c> of a redirect) and the JSON body.</summary>
    public static async Task WriteToAsync(this OAuth2Response response, HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Response;
        http.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }

        var body = response.GetJsonBody();
        if (body.Length > 0)
        {
            if (string.IsNullOrEmpty(http.ContentType))
            {
                http.ContentType = "application/json; charset=utf-8";
            }

            http.ContentLength = body.Length;
            await http.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The response as a minimal-API <see cref="IResult"/>, for <c>return response.ToHttpResult();</c>.</summary>
    public static IResult ToHttpResult(this OAuth2Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new OAuth2HttpResult(response);
    }
}
