using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.AspNetCore.Http;

namespace OAuth2.AspNetCore.Endpoints;

/// <summary>The token endpoint as a request delegate: read strictly, hand to the core, send what it answers.</summary>
internal static class TokenEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var read = await context.ReadOAuth2RequestAsync(cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            await read.ErrorResponse.WriteToAsync(context, cancellationToken).ConfigureAwait(false);
            return;
        }

        var server = context.RequestServices.GetRequiredService<OAuth2Server>();
        var result = await server.TokenAsync(read.Request, cancellationToken).ConfigureAwait(false);
        await result.Response.WriteToAsync(context, cancellationToken).ConfigureAwait(false);
    }
}
