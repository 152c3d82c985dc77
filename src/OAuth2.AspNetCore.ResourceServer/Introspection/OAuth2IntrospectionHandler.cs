using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.ResourceServer.Authorization;
using OAuth2.AspNetCore.ResourceServer.Challenges;
using OAuth2.AspNetCore.ResourceServer.ProtectedResource;

namespace OAuth2.AspNetCore.ResourceServer.Introspection;

/// <summary>
/// Authenticates a bearer token (the <c>Authorization</c> header only, RFC 6750 section 2.1) by asking the
/// authorization server (RFC 7662), and answers the RFC 6750 way: no token → a bare 401 challenge; a refused token,
/// or a server that could not be asked → 401 <c>invalid_token</c>; two Authorization headers → 400
/// <c>invalid_request</c>; a missing scope → 403 <c>insufficient_scope</c>. Each challenge carries
/// <c>resource_metadata</c> when the API describes itself (RFC 9728 section 5.1).
/// </summary>
internal sealed class OAuth2IntrospectionHandler(
    IOptionsMonitor<OAuth2IntrospectionOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IntrospectionClients clients,
    IOptions<OAuth2ProtectedResourceOptions> resource)
    : AuthenticationHandler<OAuth2IntrospectionOptions>(options, loggerFactory, encoder)
{
    private const string BearerPrefix = "Bearer ";

    private (int Status, string Error, string Description)? _failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization;
        if (authorization.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (authorization.Count > 1)
        {
            return Refuse(StatusCodes.Status400BadRequest, BearerChallenge.InvalidRequest, "More than one Authorization header", "repeated Authorization header");
        }

        var value = authorization[0] ?? string.Empty;
        if (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult(); // another scheme's credentials (Basic, ...): not ours to judge
        }

        var token = value.AsSpan(BearerPrefix.Length).TrimStart(' ').ToString();
        if (token.Length == 0 || token.Length > Options.MaxTokenLength || !IsB64Token(token))
        {
            return Refuse(StatusCodes.Status401Unauthorized, BearerChallenge.InvalidToken, "The access token is malformed", "malformed token");
        }

        var outcome = await clients.Get(Scheme.Name, Options).IntrospectAsync(token, Context.RequestAborted).ConfigureAwait(false);
        switch (outcome)
        {
            case IntrospectionOutcome.Active active:
                var identity = new ClaimsIdentity(active.Claims, Scheme.Name, "sub", "role");
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
            case IntrospectionOutcome.Refused refused:
                ResourceServerLog.TokenRefused(Logger, refused.Reason);
                _failure = (StatusCodes.Status401Unauthorized, BearerChallenge.InvalidToken, "The access token is not active");
                return AuthenticateResult.Fail("The access token is not active: " + refused.Reason);
            default:
                _failure = (StatusCodes.Status401Unauthorized, BearerChallenge.InvalidToken, "The access token could not be checked");
                return AuthenticateResult.Fail("The access token could not be checked");
        }
    }

    private AuthenticateResult Refuse(int status, string error, string description, string reason)
    {
        ResourceServerLog.TokenMalformed(Logger, reason);
        _failure = (status, error, description);
        return AuthenticateResult.Fail(description);
    }

    /// <summary>b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" (RFC 6750 section 2.1).</summary>
    private static bool IsB64Token(string token)
    {
        var end = token.Length;
        while (end > 0 && token[end - 1] == '=')
        {
            end--;
        }

        if (end == 0)
        {
            return false;
        }

        for (var i = 0; i < end; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(token[i]) || token[i] is '-' or '.' or '_' or '~' or '+' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var metadata = resource.Value.ChallengeParameter();
        if (_failure is { } failure)
        {
            var challenge = BearerChallenge.Build(Options.Realm, failure.Error, failure.Description, null, metadata);
            await BearerChallenge.WriteAsync(Response, failure.Status, challenge, failure.Error, failure.Description).ConfigureAwait(false);
            return;
        }

        await BearerChallenge.WriteAsync(Response, StatusCodes.Status401Unauthorized, BearerChallenge.Build(Options.Realm, null, null, null, metadata), null, null).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        const string description = "The access token lacks a scope this resource requires";
        var challenge = BearerChallenge.Build(Options.Realm, BearerChallenge.InsufficientScope, description, AccessTokenScopeRequirement.FailedScope(Context), resource.Value.ChallengeParameter());
        return BearerChallenge.WriteAsync(Response, StatusCodes.Status403Forbidden, challenge, BearerChallenge.InsufficientScope, description);
    }
}
