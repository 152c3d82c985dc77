using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Http;

/// <summary>
/// The bridge between an <see cref="HttpContext"/> and the core, for endpoints the application writes itself (the
/// authorize endpoint, whose sign-in and consent UI is the application's job).
/// </summary>
public static class HttpContextOAuth2Extensions
{
    /// <summary>
    /// Maps the request (method, headers, strictly decoded query and form body) without throwing for bad input:
    /// a malformed or oversized body gives a failed result carrying the 400/413 <c>invalid_request</c> response.
    /// </summary>
    public static ValueTask<OAuth2RequestReadResult> ReadOAuth2RequestAsync(this HttpContext context, CancellationToken cancellationToken = default)
        => OAuth2RequestReader.ReadAsync(context, includeBody: true, cancellationToken);

    /// <summary>
    /// Reads the request and validates it as an authorization request, before a sign-in or consent page is shown.
    /// On failure send <see cref="OAuth2EndpointResult{T}.Response"/> (a 400 for a bad client or redirect URI, a
    /// redirect to the client for anything else).
    /// </summary>
    public static async ValueTask<OAuth2EndpointResult<AuthorizationRequest>> ValidateAuthorizeRequestAsync(this HttpContext context, CancellationToken cancellationToken = default)
    {
        var read = await context.ReadOAuth2RequestAsync(cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return OAuth2EndpointResult<AuthorizationRequest>.From(read);
        }

        var result = await GetServer(context).ValidateAuthorizeRequestAsync(read.Request, cancellationToken).ConfigureAwait(false);
        return OAuth2EndpointResult<AuthorizationRequest>.From(read.Request, result);
    }

    /// <summary>
    /// Issues a code for a resource owner the application has authenticated (or, with <c>allowed=false</c> in the
    /// request, answers <c>access_denied</c>). Send <see cref="OAuth2EndpointResult{T}.Response"/>: a redirect either way.
    /// </summary>
    public static async ValueTask<OAuth2EndpointResult<IssuedAuthorizationCode>> AuthorizeAsync(this HttpContext context, OAuth2Request request, OAuth2User? user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await GetServer(context).AuthorizeAsync(request, user, cancellationToken).ConfigureAwait(false);
        return OAuth2EndpointResult<IssuedAuthorizationCode>.From(request, result);
    }

    /// <summary>Reads the request and calls <see cref="AuthorizeAsync(HttpContext, OAuth2Request, OAuth2User?, CancellationToken)"/>.</summary>
    public static async ValueTask<OAuth2EndpointResult<IssuedAuthorizationCode>> AuthorizeAsync(this HttpContext context, OAuth2User? user, CancellationToken cancellationToken = default)
    {
        var read = await context.ReadOAuth2RequestAsync(cancellationToken).ConfigureAwait(false);
        return read.Succeeded
            ? await context.AuthorizeAsync(read.Request, user, cancellationToken).ConfigureAwait(false)
            : OAuth2EndpointResult<IssuedAuthorizationCode>.From(read);
    }

    /// <summary>Sends an <see cref="OAuth2Response"/>; the same as <see cref="OAuth2ResponseExtensions.WriteToAsync"/>.</summary>
    public static Task WriteOAuth2ResponseAsync(this HttpContext context, OAuth2Response response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.WriteToAsync(context, cancellationToken);
    }

    private static OAuth2Server GetServer(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<OAuth2Server>();
    }
}
