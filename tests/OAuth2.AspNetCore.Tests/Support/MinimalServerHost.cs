using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuth2.Storage;
using OAuth2.Tokens;

namespace OAuth2.AspNetCore.Tests.Support;

/// <summary>
/// A bare host of the server for the bearer scheme's tests: client credentials only, in-memory storage, the given
/// server realm, on a free loopback port. The test adds its schemes, policies and endpoints, and stores its tokens.
/// </summary>
internal static class MinimalServerHost
{
    public static WebApplicationBuilder CreateBuilder(string serverRealm)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls=http://127.0.0.1:0"] });
        builder.Logging.ClearProviders();
        builder.Services.AddOAuth2Server(o =>
        {
            o.GrantTypes.Clear();
            o.GrantTypes.Add(GrantTypes.ClientCredentials);
            o.Realm = serverRealm;
        }).AddInMemoryStorage();
        return builder;
    }

    /// <summary>Starts the app and returns the address Kestrel bound, with a trailing slash.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Stores an access token valid for an hour, bound to a DPoP key when a thumbprint is given.</summary>
    public static Task StoreTokenAsync(WebApplication app, string token, string grantId, IReadOnlyList<string> scope, string? jwkThumbprint, CancellationToken cancellationToken)
    {
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var record = new AccessToken
        {
            ClientId = "c1",
            User = new OAuth2User("u1"),
            Scope = scope,
            IssuedAt = now,
            ExpiresAt = now.AddHours(1),
            GrantId = grantId,
            JwkThumbprint = jwkThumbprint,
        };
        return app.Services.GetRequiredService<ITokenStore>().SaveTokensAsync(TokenDigest.Compute(token), record, null, null, cancellationToken).AsTask();
    }
}
