using System.Globalization;
using Microsoft.AspNetCore.Http;
using OAuth2.AspNetCore.Http;
using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Abuse;

/// <summary>
/// The one answer to a throttled OAuth request: 429, <c>Retry-After</c> in whole seconds, <c>Cache-Control:
/// no-store</c>, and the JSON error body with the stable code <c>slow_down</c>. No RFC defines a throttling code for
/// these endpoints; <c>slow_down</c> is the one RFC 8628 gives the token endpoint for "too fast, wait", so a device
/// client already handles it, and any other client sees a non-retryable-now error plus the HTTP standard 429.
/// </summary>
public static class TooManyRequests
{
    /// <summary>The <c>error</c> of every throttled OAuth response.</summary>
    public const string ErrorCode = SlowDownException.Code;

    /// <summary>The description when a request rate limit refused the request.</summary>
    public const string RateLimitedDescription = "Too many requests: try again later";

    /// <summary>The description when the failed-authentication throttle refused the request.</summary>
    public const string LockedOutDescription = "Too many failed authentication attempts: try again later";

    /// <summary>The 429 response, ready to send.</summary>
    public static OAuth2Response Response(TimeSpan retryAfter, string description)
    {
        var response = OAuth2ErrorResponses.Json(StatusCodes.Status429TooManyRequests, ErrorCode, description);
        response.Headers["Retry-After"] = Seconds(retryAfter);
        return response;
    }

    /// <summary><c>Retry-After</c> as RFC 9110 wants it: whole seconds, rounded up, at least 1.</summary>
    public static string Seconds(TimeSpan retryAfter)
        => Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
