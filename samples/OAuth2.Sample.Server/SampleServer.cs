using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.Abuse;
using OAuth2.AspNetCore.Authentication;
using OAuth2.Jwt;
using OAuth2.Sample.Server.Api;
using OAuth2.Sample.Server.Configuration;
using OAuth2.Sample.Server.Exchange;
using OAuth2.Sample.Server.Pages;
using OAuth2.Sample.Server.Startup;
using OAuth2.Sample.Server.Storage;
using OAuth2.Sample.Server.Users;
using OAuth2.Storage;

namespace OAuth2.Sample.Server;

/// <summary>
/// Builds the sample: authorization server (token endpoint, sign-in/consent page) and protected resource in one app.
/// Public so tests can start it on a free port with overridden configuration (<c>--urls</c>, <c>--OAuth2:...</c>).
/// </summary>
public static class SampleServer
{
    public static WebApplication BuildApp(string[] args) => BuildApp(args, configureServices: null);

    /// <summary>Builds the sample; <paramref name="configureServices"/> runs last, so tests can replace services (e.g. the clock).</summary>
    public static WebApplication BuildApp(string[] args, Action<IServiceCollection>? configureServices)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var section = builder.Configuration.GetSection(SampleOptions.SectionName);
        var sample = section.Get<SampleOptions>() ?? new SampleOptions();
        builder.Services.Configure<SampleOptions>(section);

        builder.Services.AddSingleton<UserDirectory>();
        var oauth2 = builder.Services.AddOAuth2Server(section)
            .AddConfiguredStorage(sample.Storage, builder.Configuration)
            .AddPolicy(sp =>
            {
                var users = sp.GetRequiredService<UserDirectory>();
                var exchange = sp.GetRequiredService<SampleExchangeOptions>();
                return new StoreModelPolicy
                {
                    GetUser = (username, password, _, _) => ValueTask.FromResult(users.Validate(username, password)),
                    AuthorizeExchange = (request, _) => SampleExchange.AuthorizeExchange(exchange, request),
                    GetUserFromAssertion = (assertion, _, _) => SampleExchange.GetUserFromAssertion(users, assertion),
                };
            });
        // Request limits (body size, parameter cap) from OAuth2:Http, e.g. --OAuth2:Http:MaxParameters=200.
        builder.Services.Configure<OAuth2.AspNetCore.Http.OAuth2HttpOptions>(section.GetSection("Http"));
        if (sample.ClientCacheSeconds > 0)
        {
            // Clients read from memory instead of the store on every token request; after the storage, which it wraps.
            oauth2.AddClientCache(TimeSpan.FromSeconds(sample.ClientCacheSeconds));
        }

        oauth2.AddHealthChecks();
        builder.AddSampleTelemetry();

        // SQL tables keep expired tokens and codes until pruned: a background run every OAuth2:Pruning:Interval, one
        // server at a time where several share the database; idle on stores that expire data themselves (Redis).
        oauth2.AddExpiredDataPruning(section.GetSection("Pruning"));
        builder.Services.AddHostedService<ClientSeeder>();

        // The device grant (RFC 8628), with this app's /device page as the verification URI unless configured; the
        // issuer likewise. The
        // server is built on first use, after Kestrel has bound, so the address is known even with --urls=...:0.
        builder.Services.AddOptions<OAuth2ServerOptions>().PostConfigure<IServer>((o, server) =>
        {
            o.GrantTypes.Add(GrantTypes.DeviceCode);
            var address = (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000").TrimEnd('/');
            if (string.IsNullOrEmpty(o.DeviceVerificationUri))
            {
                o.DeviceVerificationUri = address + DevicePage.Path;
            }

            // The issuer (metadata, RFC 9207 iss) is OAuth2:Issuer, else the address this app is configured to
            // listen on: never a request's Host header. Behind a proxy, set OAuth2:Issuer to the public URL.
            if (string.IsNullOrEmpty(o.Issuer))
            {
                o.Issuer = address;
            }
        });
        // Request rate limits (the package's defaults; tune under OAuth2:RateLimits). Failed-authentication throttling
        // is on by default too (tune under OAuth2:FailedAuthentication).
        oauth2.ConfigureRateLimits(section.GetSection("RateLimits"));
        if (builder.Configuration.GetValue<bool>("OAuth2:Jwt:Enabled"))
        {
            // JWT access tokens (RFC 9068) signed with keys generated in the configured store, sealed by Data
            // Protection and rotated on the schedule of OAuth2:Jwt:SigningKeys (see the README): every instance on the
            // same store signs with and publishes the same keys, and a rotation leaves live tokens valid.
            builder.Services.PostConfigure<OAuth2ServerOptions>(o => o.JwtAccessTokens = new JwtAccessTokenOptions
            {
                Issuer = builder.Configuration["OAuth2:Jwt:Issuer"] ?? "urn:oauth2-sample",
                Audience = builder.Configuration["OAuth2:Jwt:Audience"] ?? "urn:oauth2-sample:api",
            });
            oauth2.AddDataProtectedSigningKeys(section.GetSection("Jwt:SigningKeys"));
        }


        // Token exchange (RFC 8693) and JWT bearer assertions (RFC 7523) from OAuth2:Exchange, with a demo policy
        // and a demo identity provider (see the README).
        builder.AddSampleExchange();

        // OAuth2:Jwt:CheckRevocation (default on): a revoked JWT is refused at once, at one store read per request;
        // false trusts the signature alone until the token expires (see the README).
        builder.Services.AddAuthentication().AddOAuth2Bearer(o => o.CheckRevocation = builder.Configuration.GetValue<bool?>("OAuth2:Jwt:CheckRevocation"));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ResourceEndpoints.BearerPolicy, p => p.AddAuthenticationSchemes(OAuth2BearerDefaults.AuthenticationScheme).RequireAuthenticatedUser())
            .AddOAuth2ScopePolicies("read", "write", "admin");
        builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);

        // The sample forgets its tokens on restart anyway; keep the antiforgery keys in memory too (a real deployment
        // persists data-protection keys so forms survive restarts and work across instances).
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();

        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOAuth2Endpoints();
        var signIn = app.MapGroup("/authorize").RequireOAuth2RateLimiting(OAuth2EndpointFamily.SignIn);
        signIn.MapGet("", AuthorizePage.GetAsync);
        signIn.MapPost("", AuthorizePage.PostAsync); // validates the antiforgery token itself, after the strict body read
        app.MapGet("/callback", CallbackPage.GetAsync);
        // User codes are short: the verification page is limited per address (30 a minute by default).
        var device = app.MapGroup(DevicePage.Path).RequireOAuth2RateLimiting(OAuth2EndpointFamily.DeviceVerification);
        device.MapGet("", DevicePage.GetAsync);
        device.MapPost("", DevicePage.PostAsync); // antiforgery checked inside, as on /authorize
        app.MapGet("/", IndexPage.GetAsync);
        app.MapResourceEndpoints();
        app.MapDemoIdentityProvider(app.Services.GetRequiredService<SampleExchangeOptions>());
        app.MapSampleTelemetry();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var url = app.Urls.FirstOrDefault() ?? "http://127.0.0.1:5000";
            Console.WriteLine(Banner.Build(url.TrimEnd('/'), app.Services.GetRequiredService<IOptions<SampleOptions>>().Value));
            if (app.Services.GetRequiredService<IOptions<OAuth2ServerOptions>>().Value.ClientRegistration is { AllowOpenRegistration: false, InitialAccessTokenHashes.Count: 0 })
            {
                // Only a hint: no token works out of the box, and no token is ever printed.
                Console.WriteLine("Dynamic client registration (/register) refuses every request until an initial access token is configured: "
                    + "set OAuth2:ClientRegistration:InitialAccessTokenHashes:0 to the SHA-256 hex of a token you generate (see the sample README).");
            }

            if (app.Services.GetRequiredService<IOptions<OAuth2ServerOptions>>().Value.Profile == SecurityProfile.Fapi2)
            {
                // The demo clients above authenticate with secrets, which the profile refuses: say what works instead.
                var keyClients = app.Services.GetRequiredService<IOptions<SampleOptions>>().Value.Clients.Count(c => !string.IsNullOrEmpty(c.JwksFile) || !string.IsNullOrEmpty(c.Jwks));
                Console.WriteLine("FAPI 2.0 profile: clients authenticate with private_key_jwt only (secrets and public clients are refused), "
                    + "authorization requests go through /par, every token request carries a DPoP proof. "
                    + (keyClients == 0 ? "No client has a key yet: add one with OAuth2:Clients:N:JwksFile (see the sample README)." : $"{keyClients} client(s) with keys."));
            }
        });
        return app;
    }
}
