using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;

namespace OAuth2.Sample.Client;

/// <summary>
/// Builds the client sample: cookie sign-in, ASP.NET Core's generic OAuth handler (<c>AddOAuth</c>, PKCE) against the
/// sample server, and a page that calls the server's <c>/api/me</c>, refreshing the access token once it expired.
/// Public so tests can start it on a free port (<c>--urls</c>, <c>--SampleServer:Authority</c>).
/// </summary>
public static class SampleClient
{
    public const string Scheme = "sample";
    private const string RefreshCountItem = "refresh_count";

    public static WebApplication BuildApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // clientsettings.json, then the command line again so that it still wins.
        builder.Configuration.AddJsonFile("clientsettings.json", optional: true).AddCommandLine(args);
        var settings = builder.Configuration.GetSection(ClientSettings.SectionName).Get<ClientSettings>() ?? new ClientSettings();

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient<TokenRefresher>();
        builder.Services.AddHttpClient(Scheme);

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = Scheme;
            })
            // Its own cookie name: on 127.0.0.1 cookies are shared across ports with the sample server.
            .AddCookie(o => o.Cookie.Name = "sample-client")
            .AddOAuth(Scheme, o =>
            {
                o.ClientId = settings.ClientId;
                o.ClientSecret = settings.ClientSecret;
                o.AuthorizationEndpoint = settings.Endpoint("authorize").ToString();
                o.TokenEndpoint = settings.Endpoint("token").ToString();
                o.CallbackPath = "/signin-sample";
                o.UsePkce = true;
                o.SaveTokens = true;
                foreach (var scope in settings.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    o.Scope.Add(scope);
                }

                // The sample runs on plain HTTP on loopback: Lax lets the correlation cookie back on the redirect
                // (a SameSite=None cookie must be Secure, which the browser refuses over http).
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnCreatingTicket = async context =>
                {
                    // Who signed in, from the protected resource itself.
                    using var me = await CallApiAsync(context.Backchannel, settings, context.AccessToken!, context.HttpContext.RequestAborted);
                    if (me.StatusCode == HttpStatusCode.OK && me.Json.TryGetProperty("sub", out var sub))
                    {
                        context.Identity!.AddClaim(new Claim(ClaimTypes.NameIdentifier, sub.GetString()!));
                    }
                };
            });

        var app = builder.Build();
        app.UseAuthentication();

        app.MapGet("/", HomeAsync);
        app.MapGet("/login", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [Scheme]));
        app.MapGet("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        });
        return app;
    }

    private static async Task<IResult> HomeAsync(HttpContext context, TokenRefresher refresher, ClientSettings settings, IHttpClientFactory factory, TimeProvider time)
    {
        var ct = context.RequestAborted;
        var signIn = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!signIn.Succeeded || signIn.Properties.GetTokenValue("access_token") is not { } accessToken)
        {
            return Page("<p>Not signed in.</p><p><a id=\"sign-in\" href=\"/login\">Sign in with the sample server</a></p>");
        }

        var properties = signIn.Properties;
        var expiresAt = DateTimeOffset.Parse(properties.GetTokenValue("expires_at") ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture);
        var http = factory.CreateClient(Scheme);
        var response = time.GetUtcNow() < expiresAt ? await CallApiAsync(http, settings, accessToken, ct) : null;
        if (response is null || response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // Expired (or refused anyway): redeem the refresh token, keep the rotated pair in the cookie, call again.
            response?.Dispose();
            var refreshed = properties.GetTokenValue("refresh_token") is { } refreshToken ? await refresher.RefreshAsync(refreshToken, ct) : null;
            if (refreshed is null)
            {
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Page("<p id=\"ended\">The session at the sample server ended.</p><p><a id=\"sign-in\" href=\"/login\">Sign in again</a></p>");
            }

            properties.StoreTokens(
            [
                new AuthenticationToken { Name = "access_token", Value = refreshed.AccessToken },
                new AuthenticationToken { Name = "refresh_token", Value = refreshed.RefreshToken },
                new AuthenticationToken { Name = "token_type", Value = "Bearer" },
                new AuthenticationToken { Name = "expires_at", Value = refreshed.ExpiresAt.ToString("o", CultureInfo.InvariantCulture) },
            ]);
            var count = int.Parse(properties.Items.TryGetValue(RefreshCountItem, out var text) ? text ?? "0" : "0", CultureInfo.InvariantCulture);
            properties.Items[RefreshCountItem] = (count + 1).ToString(CultureInfo.InvariantCulture);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, signIn.Principal!, properties);
            expiresAt = refreshed.ExpiresAt;
            response = await CallApiAsync(http, settings, refreshed.AccessToken, ct);
        }

        using (response)
        {
            var html = HtmlEncoder.Default;
            var refreshes = properties.Items.TryGetValue(RefreshCountItem, out var n) ? n : "0";
            return Page(
                $"<p>Signed in as <b id=\"user\">{html.Encode(signIn.Principal!.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?")}</b>.</p>" +
                $"<p>The access token expires at <span id=\"expires-at\">{html.Encode(expiresAt.ToString("o", CultureInfo.InvariantCulture))}</span>; " +
                $"refreshed <span id=\"refresh-count\">{html.Encode(refreshes ?? "0")}</span> times.</p>" +
                $"<h2>GET /api/me: <span id=\"api-status\">{(int)response.StatusCode}</span></h2>" +
                $"<pre id=\"api-me\">{html.Encode(response.Json.ValueKind == JsonValueKind.Undefined ? string.Empty : response.Json.ToString())}</pre>" +
                "<p><a id=\"sign-out\" href=\"/logout\">Sign out</a></p>");
        }
    }

    private static async Task<ApiAnswer> CallApiAsync(HttpClient http, ClientSettings settings, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, settings.Endpoint("api/me"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var json = response.IsSuccessStatusCode && text.Length > 0 ? JsonDocument.Parse(text) : null;
        return new ApiAnswer(response.StatusCode, json);
    }

    private static IResult Page(string body)
        => Results.Content(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>OAuth2 sample client</title></head><body>" +
            "<h1>OAuth2 sample client</h1>" + body + "</body></html>",
            "text/html; charset=utf-8");

    /// <summary>The API's status and JSON body (owned: dispose it).</summary>
    private sealed class ApiAnswer(HttpStatusCode statusCode, JsonDocument? document) : IDisposable
    {
        public HttpStatusCode StatusCode { get; } = statusCode;

        public JsonElement Json => document?.RootElement ?? default;

        public void Dispose() => document?.Dispose();
    }
}
