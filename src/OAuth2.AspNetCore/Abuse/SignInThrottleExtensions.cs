using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OAuth2.Throttling;

namespace OAuth2.AspNetCore.Abuse;

/// <summary>
/// The failed-authentication throttle for an application's own sign-in forms (the authorize page, the device
/// verification page), per username and remote address, with the same limits as the password grant:
/// check before verifying the password, then record the outcome.
/// </summary>
/// <example>
/// <code>
/// var check = await context.CheckSignInAsync(username);
/// var user = check.IsThrottled ? null : users.Validate(username, password);   // a locked-out username is not even checked
/// if (user is null)
/// {
///     if (check.IsThrottled) { context.Response.Headers.RetryAfter = TooManyRequests.Seconds(check.RetryAfter); /* 429 page */ }
///     else { await context.RecordSignInFailureAsync(check); /* "wrong username or password" */ }
/// }
/// else { await context.RecordSignInSuccessAsync(check); }
/// </code>
/// </example>
public static class SignInThrottleExtensions
{
    /// <summary>Whether a sign-in for <paramref name="username"/> from this request's remote address may be checked at all.</summary>
    public static ValueTask<ThrottleCheck> CheckSignInAsync(this HttpContext context, string? username, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var throttle = context.RequestServices.GetService<FailedAuthenticationThrottle>();
        return throttle is null
            ? ValueTask.FromResult(default(ThrottleCheck))
            : throttle.CheckAsync(AuthenticationSubject.User, username, context.Connection.RemoteIpAddress, cancellationToken);
    }

    /// <summary>Counts a wrong password; the result says whether the username is now locked out from this address.</summary>
    public static async ValueTask<ThrottleCheck> RecordSignInFailureAsync(this HttpContext context, ThrottleCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RequestServices.GetService<FailedAuthenticationThrottle>() is not { } throttle)
        {
            return check;
        }

        var after = await throttle.RecordFailureAsync(check, cancellationToken).ConfigureAwait(false);
        if (after.IsThrottled)
        {
            var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(AbuseLog.Category) ?? NullLogger.Instance;
            AbuseLog.UserLockedOut(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", (long)after.RetryAfter.TotalSeconds);
        }

        return after;
    }

    /// <summary>Forgets this address's failures for the username after a successful sign-in.</summary>
    public static ValueTask RecordSignInSuccessAsync(this HttpContext context, ThrottleCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetService<FailedAuthenticationThrottle>() is { } throttle
            ? throttle.RecordSuccessAsync(check, cancellationToken)
            : ValueTask.CompletedTask;
    }
}
