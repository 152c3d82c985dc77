namespace OAuth2.Sample.Server.Pages;

/// <summary>
/// What a page shows when the store cannot be reached (the core's <c>server_error</c>/503): the service is
/// temporarily unavailable, try again shortly. Never a 500, and never a hint that the application or the user erred.
/// </summary>
public static class UnavailablePage
{
    /// <summary>Seconds a browser (or a user) is asked to wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    public static Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = "<p class=\"error\" id=\"error\" role=\"alert\">The service is temporarily unavailable.</p>"
            + "<p>Nothing went wrong on your side. Please try again in a few seconds.</p>";
        return Html.WriteAsync(context, Html.Page("Service temporarily unavailable", body), StatusCodes.Status503ServiceUnavailable);
    }
}
