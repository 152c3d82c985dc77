using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OAuth2.AspNetCore.Abuse;
using OAuth2.AspNetCore.Http;
using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Endpoints;

/// <summary>
/// The shape of every endpoint the core answers on its own (token, revocation, introspection, device authorization):
/// limit by address before reading anything, read strictly, limit by client and check for a lockout, hand to the core,
/// count the outcome, send exactly what it answers.
/// </summary>
internal static class CoreEndpoint
{
    public static RequestDelegate For(
        OAuth2EndpointFamily family,
        OAuth2RateLimiter limiter,
        Func<OAuth2Server, OAuth2Request, CancellationToken, ValueTask<(OAuth2Response Response, OAuth2Exception? Error)>> handle)
        => async context =>
        {
            var cancellationToken = context.RequestAborted;
            if (limiter.AcquireByAddress(family, context.Connection.RemoteIpAddress) is { } wait)
            {
                var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(AbuseLog.Category) ?? NullLogger.Instance;
                AbuseLog.RateLimited(logger, family, "address", (long)Math.Ceiling(wait.TotalSeconds));
                limiter.Metrics?.Throttled(family, AbuseMetrics.RateLimit);
                await TooManyRequests.Response(wait, TooManyRequests.RateLimitedDescription).WriteToAsync(context, cancellationToken).ConfigureAwait(false);
                return;
            }

            var read = await context.ReadOAuth2RequestAsync(cancellationToken).ConfigureAwait(false);
            if (!read.Succeeded)
            {
                await read.ErrorResponse.WriteToAsync(context, cancellationToken).ConfigureAwait(false);
                return;
            }

            var guard = await AuthenticationGuard.BeginAsync(context, family, limiter, read.Request, cancellationToken).ConfigureAwait(false);
            if (guard.Refusal is { } refusal)
            {
                await refusal.WriteToAsync(context, cancellationToken).ConfigureAwait(false);
                return;
            }

            var server = context.RequestServices.GetRequiredService<OAuth2Server>();
            var (response, error) = await handle(server, read.Request, cancellationToken).ConfigureAwait(false);
            await guard.CompleteAsync(error, cancellationToken).ConfigureAwait(false);
            await response.WriteToAsync(context, cancellationToken).ConfigureAwait(false);
        };

    public static async ValueTask<(OAuth2Response, OAuth2Exception?)> TokenAsync(OAuth2Server server, OAuth2Request request, CancellationToken cancellationToken)
    {
        var result = await server.TokenAsync(request, cancellationToken).ConfigureAwait(false);
        return (result.Response, result.Error);
    }

    public static async ValueTask<(OAuth2Response, OAuth2Exception?)> RevokeAsync(OAuth2Server server, OAuth2Request request, CancellationToken cancellationToken)
    {
        var result = await server.RevokeAsync(request, cancellationToken).ConfigureAwait(false);
        return (result.Response, result.Error);
    }

    public static async ValueTask<(OAuth2Response, OAuth2Exception?)> DeviceAuthorizationAsync(OAuth2Server server, OAuth2Request request, CancellationToken cancellationToken)
    {
        var result = await server.DeviceAuthorizationAsync(request, cancellationToken).ConfigureAwait(false);
        return (result.Response, result.Error);
    }

    public static async ValueTask<(OAuth2Response, OAuth2Exception?)> PushedAuthorizationAsync(OAuth2Server server, OAuth2Request request, CancellationToken cancellationToken)
    {
        var result = await server.PushedAuthorizationAsync(request, cancellationToken).ConfigureAwait(false);
        return (result.Response, result.Error);
    }

    public static async ValueTask<(OAuth2Response, OAuth2Exception?)> IntrospectAsync(OAuth2Server server, OAuth2Request request, CancellationToken cancellationToken)
    {
        var result = await server.IntrospectAsync(request, cancellationToken).ConfigureAwait(false);
        return (result.Response, result.Error);
    }
}
