using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.ResourceServer.ProtectedResource;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Protected-resource metadata (RFC 9728), opt-in: <c>services.AddOAuth2ProtectedResource(o => ...)</c> describes the
/// API and makes the bearer challenges point at the document; <c>app.MapOAuth2ProtectedResourceMetadata()</c> serves it.
/// </summary>
public static class OAuth2ProtectedResourceExtensions
{
    /// <summary>
    /// Registers the API's description, checked at start-up. Both this library's bearer schemes (<c>AddOAuth2Bearer</c>,
    /// <c>AddOAuth2Introspection</c>) then add <c>resource_metadata="..."</c> to their <c>WWW-Authenticate</c> challenges.
    /// </summary>
    public static IServiceCollection AddOAuth2ProtectedResource(this IServiceCollection services, Action<OAuth2ProtectedResourceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OAuth2ProtectedResourceOptions>()
            .Configure(configure)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OAuth2ProtectedResourceOptions>, ProtectedResourceOptionsValidator>();
        return services;
    }

    /// <summary>
    /// Serves <c>GET /.well-known/oauth-protected-resource[/path]</c> (RFC 9728 section 3), anonymous and cacheable,
    /// generated once from <see cref="OAuth2ProtectedResourceOptions"/>. Needs <c>AddOAuth2ProtectedResource</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapOAuth2ProtectedResourceMetadata(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<OAuth2ProtectedResourceOptions>>().Value;
        if (options.Validate().FirstOrDefault() is { } problem)
        {
            throw new InvalidOperationException("MapOAuth2ProtectedResourceMetadata needs AddOAuth2ProtectedResource with valid options: " + problem);
        }

        var document = ProtectedResourceMetadataDocument.Serialize(options);
        return endpoints.MapGet(options.MetadataPath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(document, "application/json");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
