using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OAuth2.AspNetCore.Abuse;

/// <summary>
/// Puts the application's own OAuth pages (the authorize sign-in page, the device verification page) under the same
/// per-address and per-client limits as the package's endpoints: <c>app.MapGroup("/device").RequireOAuth2RateLimiting(OAuth2EndpointFamily.DeviceVerification)</c>.
/// </summary>
public static class OAuth2RateLimitingConventionExtensions
{
    /// <summary>
    /// Limits every route handler under <paramref name="builder"/> by <paramref name="family"/>'s
    /// <see cref="EndpointRateLimit"/> (one count shared by all of them, e.g. a page's GET and POST when applied to a
    /// group): per remote address, and per <c>client_id</c> when the query names one. A refused request gets 429 with
    /// <c>Retry-After</c> and <c>Cache-Control: no-store</c>. Needs no rate-limiting middleware.
    /// </summary>
    public static TBuilder RequireOAuth2RateLimiting<TBuilder>(this TBuilder builder, OAuth2EndpointFamily family)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        OAuth2RateLimiter? shared = null;
        var gate = new Lock();
        builder.AddEndpointFilterFactory((factoryContext, next) =>
        {
            OAuth2RateLimiter limiter;
            lock (gate)
            {
                limiter = shared ??= new OAuth2RateLimiter(factoryContext.ApplicationServices);
            }

            return async invocation =>
            {
                var context = invocation.HttpContext;
                var wait = limiter.AcquireByAddress(family, context.Connection.RemoteIpAddress)
                    ?? limiter.AcquireByClient(family, context.Request.Query["client_id"] is [var clientId] ? clientId : null);
                if (wait is null)
                {
                    return await next(invocation).ConfigureAwait(false);
                }

                limiter.Metrics?.Throttled(family, AbuseMetrics.RateLimit);
                var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(AbuseLog.Category) ?? NullLogger.Instance;
                AbuseLog.RateLimited(logger, family, "address or client", (long)Math.Ceiling(wait.Value.TotalSeconds));
                context.Response.Headers.RetryAfter = TooManyRequests.Seconds(wait.Value);
                context.Response.Headers.CacheControl = "no-store";
                return Results.Text("Too many requests. Try again later.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
            };
        });
        return builder;
    }
}
