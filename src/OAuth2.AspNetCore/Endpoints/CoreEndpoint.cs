using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.AspNetCore.Http;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Endpoints;

/// <summary>
/// The shape of every endpoint the core answers on its own (token, revocation, introspection): read strictly, hand
/// to the core, send exactly what it answers.
/// </summary>
internal static class CoreEndpoint
{
    public static RequestDelegate For(Func<OAuth2Server, OAuth2Request, CancellationToken, ValueTask<OAuth2Response>> handle)
        => async context =>
        {
            var cancellationToken = context.RequestAborted;
            var read = await context.ReadOAuth2RequestAsync(cancellationToken).ConfigureAwait(false);
            if (!read.Succeeded)
            {
                await read.ErrorResponse.WriteToAsync(context, cancellationToken).ConfigureAwait(false);
                return;
            }

            var server = context.RequestServices.GetRequiredService<OAuth2Server>();
            var response = await handle(server, read.Request, cancellationToken).ConfigureAwait(false);
            await response.WriteToAsync(context, cancellationToken).ConfigureAwait(false);
        };

    public static async ValueTask<OAuth2Response> TokenAsync(OAuth2Server server, OAuth2Request request, CancellationToken cancellationToken)
        => (await server.TokenAsync(request, cancellationToken).ConfigureAwait(false)).Response;

    public static async ValueTask<OAuth2Response> RevokeAsync(OAuth2Server server, OAuth2Request request, CancellationToken cancellationToken)
        => (await server.RevokeAsync(request, cancellationToken).ConfigureAwait(false)).Response;

    public static async ValueTask<OAuth2Response> DeviceAuthorizationAsync(OAuth2Server server, OAuth2Request request, CancellationToken cancellationToken)
        => (await server.DeviceAuthorizationAsync(request, cancellationToken).ConfigureAwait(false)).Response;

    public static async ValueTask<OAuth2Response> IntrospectAsync(OAuth2Server server, OAuth2Request request, CancellationToken cancellationToken)
        => (await server.IntrospectAsync(request, cancellationToken).ConfigureAwait(false)).Response;
}
