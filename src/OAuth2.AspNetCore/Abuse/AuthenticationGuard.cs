using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OAuth2.AspNetCore.Http;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Storage;
using OAuth2.Throttling;

namespace OAuth2.AspNetCore.Abuse;

/// <summary>
/// The abuse checks around one client-authenticating request (token, revocation, introspection, device
/// authorization), in the order that keeps refusals cheap: the per-client rate limit, then the failed-authentication
/// lockout for the client id (and, for the password grant, the username), all <em>before</em> the core checks a
/// secret; afterwards, the outcome is counted: <c>invalid_client</c> is a failed client authentication, and
/// <c>invalid_grant</c> on the password grant a wrong password.
/// </summary>
internal sealed class AuthenticationGuard
{
    private readonly FailedAuthenticationThrottle? _throttle;
    private readonly HttpContext _context;
    private readonly IPAddress? _address;
    private readonly string? _clientId;
    private ThrottleCheck _client;
    private ThrottleCheck _user;

    private AuthenticationGuard(FailedAuthenticationThrottle? throttle, HttpContext context, IPAddress? address, string? clientId)
    {
        _throttle = throttle;
        _context = context;
        _address = address;
        _clientId = clientId;
    }

    /// <summary>The response to send instead of calling the core; <c>null</c> to go on.</summary>
    public OAuth2Response? Refusal { get; private set; }

    public static async ValueTask<AuthenticationGuard> BeginAsync(HttpContext context, OAuth2EndpointFamily family, OAuth2RateLimiter limiter, OAuth2Request request, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var address = context.Connection.RemoteIpAddress;
        var clientId = ClientIdentifier.Read(request);
        var guard = new AuthenticationGuard(services.GetService<FailedAuthenticationThrottle>(), context, address, clientId);
        if (limiter.AcquireByClient(family, clientId) is { } wait)
        {
            AbuseLog.RateLimited(guard.Logger, family, "client", (long)Math.Ceiling(wait.TotalSeconds));
            limiter.Metrics?.Throttled(family, AbuseMetrics.RateLimit);
            guard.Refusal = TooManyRequests.Response(wait, TooManyRequests.RateLimitedDescription);
            return guard;
        }

        if (guard._throttle is not { } throttle)
        {
            return guard;
        }

        try
        {
            guard._client = await throttle.CheckAsync(AuthenticationSubject.Client, clientId, address, cancellationToken).ConfigureAwait(false);
            if (!guard._client.IsThrottled && family == OAuth2EndpointFamily.Token
                && string.Equals(ClientIdentifier.Single(request.Form, "grant_type"), GrantTypes.Password, StringComparison.Ordinal))
            {
                guard._user = await throttle.CheckAsync(AuthenticationSubject.User, ClientIdentifier.Single(request.Form, "username"), address, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (StorageUnavailableException e)
        {
            AbuseLog.StoreUnavailable(guard.Logger, e);
            guard.Refusal = OAuth2ErrorResponses.Json(StatusCodes.Status503ServiceUnavailable, ServerErrorException.Code, "The server is temporarily unavailable");
            return guard;
        }

        var locked = guard._client.IsThrottled ? guard._client : guard._user;
        if (locked.IsThrottled)
        {
            AbuseLog.Throttled(guard.Logger, locked.Subject, family, AddressText(address), (long)locked.RetryAfter.TotalSeconds);
            limiter.Metrics?.Throttled(family, AbuseMetrics.Lockout);
            guard.Refusal = TooManyRequests.Response(locked.RetryAfter, TooManyRequests.LockedOutDescription);
        }

        return guard;
    }

    /// <summary>Counts the outcome the core answered with. Never fails the request: a counter outage is logged.</summary>
    public async ValueTask CompleteAsync(OAuth2Exception? error, CancellationToken cancellationToken)
    {
        if (_throttle is not { } throttle)
        {
            return;
        }

        try
        {
            if (error is null)
            {
                await throttle.RecordSuccessAsync(_client, cancellationToken).ConfigureAwait(false);
                await throttle.RecordSuccessAsync(_user, cancellationToken).ConfigureAwait(false);
            }
            else if (error.Error == InvalidClientException.Code)
            {
                var after = await throttle.RecordFailureAsync(_client, cancellationToken).ConfigureAwait(false);
                if (after.IsThrottled && _clientId is not null)
                {
                    AbuseLog.ClientLockedOut(Logger, _clientId, AddressText(_address), (long)after.RetryAfter.TotalSeconds);
                }
            }
            else if (error.Error == InvalidGrantException.Code)
            {
                // Set only for the password grant, where invalid_grant means the username or password was wrong.
                var after = await throttle.RecordFailureAsync(_user, cancellationToken).ConfigureAwait(false);
                if (after.IsThrottled)
                {
                    AbuseLog.UserLockedOut(Logger, AddressText(_address), (long)after.RetryAfter.TotalSeconds);
                }
            }
        }
        catch (StorageUnavailableException e)
        {
            AbuseLog.StoreUnavailable(Logger, e);
        }
    }

    /// <summary>Resolved only when something is logged: creating a logger takes the factory's lock.</summary>
    private ILogger Logger => _context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(AbuseLog.Category) ?? NullLogger.Instance;

    private static string AddressText(IPAddress? address) => address?.ToString() ?? "unknown";
}
