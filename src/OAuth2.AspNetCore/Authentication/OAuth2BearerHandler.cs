using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.Authorization;
using OAuth2.AspNetCore.Http;
using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Scopes;
using OAuth2.Tokens;

namespace OAuth2.AspNetCore.Authentication;

/// <summary>
/// Authenticates bearer tokens through the core's <see cref="OAuth2Server.AuthenticateAsync"/> and answers
/// challenges the RFC 6750 way: a bare <c>Bearer realm</c> when no token came, the core's error challenge when a
/// bad one did, and <c>insufficient_scope</c> with the required scope on a 403.
/// </summary>
public sealed class OAuth2BearerHandler(
    IOptionsMonitor<OAuth2BearerOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OAuth2Server server,
    IOptions<OAuth2ServerOptions> serverOptions)
    : AuthenticationHandler<OAuth2BearerOptions>(options, logger, encoder)
{
    private static readonly HashSet<string> ReservedClaimTypes = new(StringComparer.Ordinal)
    {
        OAuth2ClaimTypes.Subject, OAuth2ClaimTypes.ClientId, OAuth2ClaimTypes.Scope, OAuth2ClaimTypes.GrantId,
    };

    private OAuth2Response? _failure;

    private string Realm => Options.Realm ?? serverOptions.Value.Realm;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Every request passes through here when this is the default scheme (the token endpoint's Basic-authenticated
        // posts included): skip mapping the request when it cannot carry a bearer token at all.
        if (!MayCarryBearerToken(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var result = await server.AuthenticateAsync(MapRequest(), null, Context.RequestAborted).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(CreatePrincipal(result.Value), Scheme.Name));
        }

        if (result.Error is UnauthorizedRequestException)
        {
            return AuthenticateResult.NoResult();
        }

        _failure = result.Response;
        return AuthenticateResult.Fail(result.Error.Description);
    }

    private static bool MayCarryBearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count > 1
            || (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return request.Query.ContainsKey("access_token");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        if (_failure is not null)
        {
            await _failure.WriteToAsync(Context, Context.RequestAborted).ConfigureAwait(false);
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\"";
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var challenge = $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\"";
        if (Context.Items.TryGetValue(ScopeRequirement.FailedScopeItemKey, out var value) && value is IReadOnlyList<string> { Count: > 0 } scope)
        {
            challenge += $", scope=\"{ScopeParser.Format(scope)}\"";
        }

        var response = OAuth2ErrorResponses.Json(StatusCodes.Status403Forbidden, InsufficientScopeException.Code, "Insufficient scope: authorized scope is insufficient");
        response.Headers["WWW-Authenticate"] = challenge;
        return response.WriteToAsync(Context, Context.RequestAborted);
    }

    private OAuth2Request MapRequest()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var value in Request.Headers.Authorization)
        {
            if (value is not null)
            {
                pairs.Add(new("Authorization", value));
            }
        }

        var query = ParameterCollection.Empty;
        if (serverOptions.Value.AllowBearerTokensInQueryString && Request.Query.TryGetValue("access_token", out var tokens))
        {
            query = ParameterCollection.From(tokens.Where(t => t is not null).Select(t => new KeyValuePair<string, string>("access_token", t!)));
        }

        return new OAuth2Request
        {
            Method = Request.Method.ToUpperInvariant(),
            Headers = ParameterCollection.From(pairs, ignoreCase: true),
            Query = query,
            Path = Request.Path.Value,
        };
    }

    private ClaimsPrincipal CreatePrincipal(AccessToken token)
    {
        var claims = new List<Claim>
        {
            new(OAuth2ClaimTypes.Subject, token.User.Id),
            new(OAuth2ClaimTypes.ClientId, token.ClientId),
            new(OAuth2ClaimTypes.GrantId, token.GrantId),
        };
        claims.AddRange(token.Scope.Select(s => new Claim(OAuth2ClaimTypes.Scope, s)));
        foreach (var (name, value) in token.User.Properties)
        {
            if (!ReservedClaimTypes.Contains(name))
            {
                claims.Add(new Claim(name, value));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, OAuth2ClaimTypes.Subject, "role"));
    }
}
