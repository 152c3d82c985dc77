using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.Abuse;

namespace OAuth2.AspNetCore.Endpoints;

/// <summary>
/// The metadata document (RFC 8414) and the authorization response's <c>iss</c> (RFC 9207) need the issuer, which is
/// never derived from a request. A host that maps the endpoints without one is misconfigured: rather than answer its
/// first discovery request with an error, it is stopped as soon as it has started, with a critical log that names the
/// setting. Checked once the host has started, so an issuer configured from the bound address (as the sample does)
/// counts.
/// </summary>
internal static class IssuerCheck
{
    public const string Problem =
        "OAuth2ServerOptions.Issuer (configuration key OAuth2:Issuer) must be an absolute http(s) URL without query or fragment: the metadata document and the authorization response's iss need it, and it is never derived from a request";

    /// <summary>RFC 8414 section 2: a URL (https in production; http is accepted for development) without query or fragment.</summary>
    public static bool IsValidIssuer(string? issuer)
        => !string.IsNullOrEmpty(issuer)
            && Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
            && uri.Scheme is "https" or "http"
            && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.Fragment)
            && !issuer.Contains('?', StringComparison.Ordinal)
            && !issuer.Contains('#', StringComparison.Ordinal);

    /// <summary>Arranges the check for when the host has started.</summary>
    public static void Register(IServiceProvider services)
    {
        if (services.GetService<IHostApplicationLifetime>() is not { } lifetime)
        {
            return;
        }

        lifetime.ApplicationStarted.Register(() =>
        {
            var issuer = services.GetRequiredService<IOptions<OAuth2ServerOptions>>().Value.Issuer;
            if (IsValidIssuer(issuer))
            {
                return;
            }

            var logger = services.GetService<ILoggerFactory>()?.CreateLogger(AbuseLog.EndpointsCategory);
            if (logger is not null)
            {
                AbuseLog.IssuerMissing(logger, Problem);
            }

            lifetime.StopApplication();
        });
    }
}
