using Microsoft.AspNetCore.Http;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Http;

/// <summary>An <see cref="IResult"/> that sends an <see cref="OAuth2Response"/> as it is, so minimal APIs can return it.</summary>
internal sealed class OAuth2HttpResult(OAuth2Response response) : IResult, IStatusCodeHttpResult
{
    public OAuth2Response Response { get; } = response ?? throw new ArgumentNullException(nameof(response));

    public int? StatusCode => Response.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => Response.WriteToAsync(httpContext, httpContext?.RequestAborted ?? default);
}
