using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OAuth2.Jwt;
using OAuth2.Sample.Server.Users;
using OAuth2.TokenExchange;

namespace OAuth2.Sample.Server.Exchange;

/// <summary>
/// Token exchange (RFC 8693) and the JWT bearer grant (RFC 7523) in the sample: the grants from configuration, a
/// demo policy (the configured clients may exchange a user's token for the demo audience, never wider than the
/// subject token), and a demo identity provider whose assertions map to the sample's users by username.
/// </summary>
public static class SampleExchange
{
    public static void AddSampleExchange(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SampleExchangeOptions.SectionName).Get<SampleExchangeOptions>() ?? new SampleExchangeOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<DemoIdentityProvider>();
        builder.Services.AddOptions<OAuth2ServerOptions>().PostConfigure<IServer, DemoIdentityProvider>((o, server, idp) =>
        {
            if (options.TokenExchange)
            {
                o.GrantTypes.Add(GrantTypes.TokenExchange);
            }

            if (options.JwtBearer)
            {
                o.GrantTypes.Add(GrantTypes.JwtBearer);
                var address = (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000").TrimEnd('/');
                o.JwtBearerAudiences.Add(address + "/token");
            }

            if (options.TokenExchange || options.JwtBearer)
            {
                var jwks = string.IsNullOrEmpty(options.DemoIssuerJwksFile)
                    ? idp.PublicJwks()
                    : File.ReadAllText(Path.Combine(AppContext.BaseDirectory, options.DemoIssuerJwksFile));
                o.TrustedJwtIssuers.Add(new TrustedJwtIssuer { Issuer = options.DemoIssuer, Jwks = jwks, Algorithms = ["ES256"] });
            }
        });
    }

    /// <summary>The demo exchange policy: the configured clients, the demo audience, the subject token's scope at most.</summary>
    public static ValueTask<TokenExchangeDecision> AuthorizeExchange(SampleExchangeOptions options, TokenExchangeRequest request)
        => ValueTask.FromResult(options.Clients.Contains(request.Client.Id, StringComparer.Ordinal)
            ? TokenExchangeDecision.Allow([options.Audience])
            : TokenExchangeDecision.Deny);

    /// <summary>The demo mapping: an assertion's <c>sub</c> is a sample username.</summary>
    public static ValueTask<OAuth2User?> GetUserFromAssertion(UserDirectory users, JwtBearerAssertion assertion)
        => ValueTask.FromResult(users.Find(assertion.Subject));

    /// <summary>
    /// <c>POST /demo-idp/assertion</c> (form <c>sub</c>): a five-minute assertion from the demo issuer for this
    /// server, as an external IdP would hand one to a client. Mapped only while the demo issuer's key is the sample's own.
    /// </summary>
    public static IEndpointRouteBuilder MapDemoIdentityProvider(this IEndpointRouteBuilder endpoints, SampleExchangeOptions options)
    {
        if (!string.IsNullOrEmpty(options.DemoIssuerJwksFile) || !(options.TokenExchange || options.JwtBearer))
        {
            return endpoints;
        }

        endpoints.MapPost("/demo-idp/assertion", async (HttpRequest request, DemoIdentityProvider idp, TimeProvider time, IServer server) =>
        {
            var form = await request.ReadFormAsync().ConfigureAwait(false);
            var subject = form["sub"].ToString();
            if (string.IsNullOrEmpty(subject) || subject.Length > 200)
            {
                return Results.BadRequest(new { error = "invalid_request" });
            }

            var address = (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000").TrimEnd('/');
            var now = time.GetUtcNow();
            var jwt = idp.Sign(new Dictionary<string, object>
            {
                ["iss"] = options.DemoIssuer,
                ["sub"] = subject,
                ["aud"] = address + "/token",
                ["iat"] = now.ToUnixTimeSeconds(),
                ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
                ["jti"] = Guid.NewGuid().ToString("N"),
            });
            return Results.Json(new { assertion = jwt });
        });
        return endpoints;
    }
}
