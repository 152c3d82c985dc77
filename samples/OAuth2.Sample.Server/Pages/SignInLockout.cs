using System.Globalization;
using OAuth2.AspNetCore.Abuse;
using OAuth2.Throttling;

namespace OAuth2.Sample.Server.Pages;

/// <summary>What the sign-in forms show when the failed-authentication throttle refuses a username: 429, Retry-After, a plain message.</summary>
internal static class SignInLockout
{
    public static string Message(ThrottleCheck check)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(check.RetryAfter.TotalMinutes));
        return string.Create(CultureInfo.InvariantCulture, $"Too many failed sign-in attempts. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.");
    }

    /// <summary>200 for an ordinary wrong password; 429 with <c>Retry-After</c> while locked out.</summary>
    public static int Status(HttpContext context, ThrottleCheck check)
    {
        if (!check.IsThrottled)
        {
            return StatusCodes.Status200OK;
        }

        context.Response.Headers.RetryAfter = TooManyRequests.Seconds(check.RetryAfter);
        context.Response.Headers.CacheControl = "no-store";
        return StatusCodes.Status429TooManyRequests;
    }
}
