using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.Abuse;
using OAuth2.AspNetCore.Http;

namespace OAuth2.AspNetCore.Endpoints;

/// <summary>
/// <c>/register</c> (RFC 7591) and <c>/register/{clientId}</c> (RFC 7592): limited by address before the body is read
/// and by client id for the configuration endpoint, the JSON body read under the registration size limit, the rest
/// the core's. 404 while registration is off, so a server that does not offer it does not look as if it did.
/// The registration URL derives from <see cref="OAuth2ServerOptions.Issuer"/>, never from the request's Host header.
/// </summary>
internal sealed class RegistrationEndpoint(string prefix, OAuth2RateLimiter limiter)
{
    public Task RegisterAsync(HttpContext context) => HandleAsync(context, clientId: null);

    public Task ManageAsync(HttpContext context)
        => HandleAsync(context, context.Request.RouteValues["clientId"] as string ?? string.Empty);

    private async Task HandleAsync(HttpContext context, string? clientId)
    {
        var cancellationToken = context.RequestAborted;
        var server = context.RequestServices.GetRequiredService<OAuth2Server>();
        var options = context.RequestServices.GetRequiredService<IOptions<OAuth2ServerOptions>>().Value;
        if (!server.SupportsClientRegistration || string.IsNullOrEmpty(options.Issuer))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var throttled = limiter.AcquireByAddress(OAuth2EndpointFamily.Registration, context.Connection.RemoteIpAddress)
            ?? limiter.AcquireByClient(OAuth2EndpointFamily.Registration, clientId);
        if (throttled is { } wait)
        {
            var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(AbuseLog.Category) ?? NullLogger.Instance;
            AbuseLog.RateLimited(logger, OAuth2EndpointFamily.Registration, clientId is null ? "address" : "client", (long)Math.Ceiling(wait.TotalSeconds));
            limiter.Metrics?.Throttled(OAuth2EndpointFamily.Registration, AbuseMetrics.RateLimit);
            await TooManyRequests.Response(wait, TooManyRequests.RateLimitedDescription).WriteToAsync(context, cancellationToken).ConfigureAwait(false);
            return;
        }

        var limit = options.ClientRegistration?.MaxRequestBytes ?? 16 * 1024;
        var read = await OAuth2RequestReader.ReadWithRawBodyAsync(context, limit, cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            await read.ErrorResponse.WriteToAsync(context, cancellationToken).ConfigureAwait(false);
            return;
        }

        var baseUri = new Uri(options.Issuer.TrimEnd('/') + "/");
        var endpoint = new Uri(baseUri, (prefix.TrimEnd('/') + "/register").TrimStart('/'));
        var result = clientId is null
            ? await server.RegisterClientAsync(read.Request, endpoint, cancellationToken).ConfigureAwait(false)
            : await server.ManageClientAsync(read.Request, endpoint, clientId, cancellationToken).ConfigureAwait(false);
        await result.Response.WriteToAsync(context, cancellationToken).ConfigureAwait(false);
    }
}
