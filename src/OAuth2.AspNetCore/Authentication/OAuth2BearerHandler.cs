using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.Http;
using OAuth2.AspNetCore.ResourceServer.ProtectedResource;
using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Tokens;

namespace OAuth2.AspNetCore.Authentication;

/// <summary>
/// Authenticates bearer tokens through the core's <see cref="OAuth2Server.AuthenticateAsync(OAuth2Request, IReadOnlyList{string}?, bool?, CancellationToken)"/>
/// and answers challenges the RFC 6750 way: a bare <c>Bearer realm</c> when no token came, the core's error challenge
/// when a bad one did, and <c>insufficient_scope</c> with the required scope on a 403; every one in this scheme's realm.
/// </summary>
/// <remarks>
/// Methods (RFC 6750 section 2): the <c>Authorization</c> header always; the <c>access_token</c> query parameter only
/// with <see cref="OAuth2ServerOptions.AllowBearerTokensInQueryString"/> (otherwise it is ignored, as OAuth 2.1 asks);
/// the form body never (a MAY: reading every form body to look for a token would cost every POST, and a body token
/// is then simply not a credential here).
/// </remarks>
internal sealed class OAuth2BearerHandler(
    IOptionsMonitor<OAuth2BearerOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OAuth2Server server,
    IOptions<OAuth2ServerOptions> serverOptions,
    IOptions<OAuth2ProtectedResourceOptions> protectedResource)
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
        var fromQuery = QueryTokensAllowed && Request.Query.ContainsKey("access_token");
        if (!MayCarryBearerToken(Request) && !fromQuery)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await server.AuthenticateAsync(MapRequest(), null, Options.CheckRevocation, Context.RequestAborted).ConfigureAwait(false);
        if (result.Succeeded)
        {
            if (fromQuery)
            {
                // The token came in the URI (a second method would have been refused): RFC 6750 section 2.3 asks a
                // success to be marked Cache-Control: private, so shared caches do not keep what that URI returned.
                Response.OnStarting(static state => MarkPrivate((HttpResponse)state), Response);
            }

            return AuthenticateResult.Success(new AuthenticationTicket(CreatePrincipal(result.Value), Scheme.Name));
        }

        if (result.Error is UnauthorizedRequestException)
        {
            return AuthenticateResult.NoResult();
        }

        _failure = result.Response;
        return AuthenticateResult.Fail(result.Error.Description);
    }

    private bool QueryTokensAllowed => serverOptions.Value.AllowBearerTokensInQueryString;

    /// <summary>Whether the Authorization header may hold a bearer or DPoP token (or is repeated, which the core refuses).</summary>
    private static bool MayCarryBearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        return authorization.Count > 1
            || (authorization.Count == 1 && authorization[0] is { } value
                && (value.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase) || value.StartsWith("DPoP", StringComparison.OrdinalIgnoreCase)));
    }

    private static Task MarkPrivate(HttpResponse response)
    {
        if (response.StatusCode is >= 200 and < 300)
        {
            var directives = response.Headers.CacheControl.ToString()
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!directives.Any(d => d.Equals("private", StringComparison.OrdinalIgnoreCase) || d.Equals("no-store", StringComparison.OrdinalIgnoreCase)))
            {
                response.Headers.CacheControl = string.Join(", ", directives.Where(d => !d.Equals("public", StringComparison.OrdinalIgnoreCase)).Prepend("private"));
            }
        }

        return Task.CompletedTask;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        if (_failure is not null)
        {
            UseSchemeRealm(_failure);
            if (_failure.Headers.TryGetValue("WWW-Authenticate", out var challenge))
            {
                _failure.Headers["WWW-Authenticate"] = WithResourceMetadata(challenge);
            }

            await _failure.WriteToAsync(Context, Context.RequestAborted).ConfigureAwait(false);
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = WithResourceMetadata($"Bearer realm=\"{Realm}\"");
    }

    /// <summary>
    /// Points the client at this API's protected-resource metadata (RFC 9728 section 5.1) when the app describes
    /// itself with <c>AddOAuth2ProtectedResource</c>; the challenge is unchanged otherwise.
    /// </summary>
    private string WithResourceMetadata(string challenge)
        => protectedResource.Value.Resource is null ? challenge : $"{challenge}, resource_metadata=\"{protectedResource.Value.MetadataAddress}\"";

    /// <summary>The core writes its challenges in the server's realm; this scheme may name its own (RFC 6750 section 3).</summary>
    private void UseSchemeRealm(OAuth2Response response)
    {
        var serverRealm = serverOptions.Value.Realm;
        if (Options.Realm is not { } realm || realm == serverRealm || !response.Headers.TryGetValue("WWW-Authenticate", out var challenge))
        {
            return;
        }

        foreach (var scheme in (ReadOnlySpan<string>)["Bearer", "DPoP"])
        {
            var prefix = $"{scheme} realm=\"{serverRealm}\"";
            if (challenge.StartsWith(prefix, StringComparison.Ordinal))
            {
                response.Headers["WWW-Authenticate"] = $"{scheme} realm=\"{realm}\"" + challenge[prefix.Length..];
            }
        }
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        // A token sent with the DPoP scheme is challenged in that scheme (RFC 9449 section 7.1).
        var scheme = Request.Headers.Authorization is [{ } authorization] && authorization.StartsWith("DPoP ", StringComparison.OrdinalIgnoreCase) ? "DPoP" : "Bearer";
        var challenge = $"{scheme} realm=\"{Realm}\", error=\"insufficient_scope\"";
        if (Context.GetRequiredAccessTokenScope() is { } scope)
        {
            challenge += $", scope=\"{scope}\"";
        }

        var response = OAuth2ErrorResponses.Json(StatusCodes.Status403Forbidden, InsufficientScopeException.Code, "Insufficient scope: authorized scope is insufficient");
        response.Headers["WWW-Authenticate"] = WithResourceMetadata(challenge);
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

        // RFC 9449 section 7: the proof travels in its own header, and names this request's method and URL.
        foreach (var value in Request.Headers["DPoP"])
        {
            if (value is not null)
            {
                pairs.Add(new("DPoP", value));
            }
        }

        var query = ParameterCollection.Empty;
        if (QueryTokensAllowed && Request.Query.TryGetValue("access_token", out var tokens))
        {
            query = ParameterCollection.From(tokens.Where(t => t is not null).Select(t => new KeyValuePair<string, string>("access_token", t!)));
        }

        return new OAuth2Request
        {
            Method = Request.Method.ToUpperInvariant(),
            Headers = ParameterCollection.From(pairs, ignoreCase: true),
            Query = query,
            Path = Request.Path.Value,
            Url = OAuth2RequestReader.RequestUrl(Request),
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
