using OAuth2.Errors;
using OAuth2.Grants;
using OAuth2.Http;
using OAuth2.Model;
using OAuth2.Pkce;
using OAuth2.Scopes;
using OAuth2.Tokens;

namespace OAuth2.Handlers;

/// <summary>
/// The authorization endpoint for <c>response_type=code</c> (RFC 6749 section 4.1.1, RFC 7636). Errors about the
/// client or the redirect URI are shown, never redirected (section 4.1.2.1, no open redirector); every later error
/// goes back to the client's redirect URI with <c>state</c>.
/// </summary>
internal sealed class AuthorizeHandler(IClientModel clients, IAuthorizationCodeModel codes, OAuth2ServerOptions options, TokenIssuer issuer)
{
    private readonly IRedirectUriValidator? _redirectValidator = ModelCapabilities.As<IRedirectUriValidator>(clients);
    private readonly IPushedAuthorizationModel? _pushed = ModelCapabilities.As<IPushedAuthorizationModel>(clients);

    public async ValueTask<OAuth2Result<AuthorizationRequest>> ValidateAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        RequireIssuer();
        AuthorizationRequest? target = null;
        string? state = null;
        try
        {
            var (parameters, requestUri) = await ResolvePushedAsync(GetParameters(request), cancellationToken).ConfigureAwait(false);
            target = await ResolveTargetAsync(parameters, cancellationToken).ConfigureAwait(false);
            var validated = Validate(parameters, target, pushed: requestUri is not null, out state);
            return OAuth2Result<AuthorizationRequest>.Success(new OAuth2Response(), validated);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var error = ErrorTranslator.Translate(e);
            return OAuth2Result<AuthorizationRequest>.Failure(ErrorResponse(request, error, target, state), error);
        }
    }

    public async ValueTask<OAuth2Result<IssuedAuthorizationCode>> AuthorizeAsync(OAuth2Request request, OAuth2User? user, CancellationToken cancellationToken)
    {
        RequireIssuer();
        AuthorizationRequest? target = null;
        string? state = null;
        try
        {
            // The user's decision (`allowed`) is the page's, never part of a pushed request.
            var sent = GetParameters(request);
            var (parameters, requestUri) = await ResolvePushedAsync(sent, cancellationToken).ConfigureAwait(false);
            target = await ResolveTargetAsync(parameters, cancellationToken).ConfigureAwait(false);
            var validated = Validate(parameters, target, pushed: requestUri is not null, out state);
            if (string.Equals(sent.GetSingle("allowed"), "false", StringComparison.Ordinal))
            {
                // A refusal completes the authorization too: the request_uri cannot be replayed into a second try.
                await ConsumePushedAsync(requestUri, cancellationToken).ConfigureAwait(false);
                throw new AccessDeniedException("Access denied: user denied access to application");
            }

            if (user is null)
            {
                throw new AccessDeniedException("Access denied: the resource owner is not authenticated");
            }

            var issued = await IssueAsync(validated, user, cancellationToken).ConfigureAwait(false);

            // RFC 9126 section 4: a request_uri may be reloaded until the authorization completes, and is consumed
            // here, once the code exists. The code is saved first, so a failure before this line leaves the request
            // usable for a retry; losing the race to a concurrent consent leaves a code nobody sees, marked used here.
            if (!await ConsumePushedAsync(requestUri, cancellationToken).ConfigureAwait(false))
            {
                await codes.RevokeAuthorizationCodeAsync(issued.Code, issuer.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                throw new InvalidRequestUriException("Invalid request_uri: the pushed request was already used") { ErrorId = ErrorIds.RequestUriUsed };
            }

            var response = new OAuth2Response();
            ResponseWriter.NoStore(response);
            response.Redirect(
                ResponseWriter.AppendQuery(validated.RedirectUri, [new("code", issued.Code), new("state", state), new("iss", options.Issuer)]),
                RedirectStatus(request));
            return OAuth2Result<IssuedAuthorizationCode>.Success(response, issued);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var error = ErrorTranslator.Translate(e);
            return OAuth2Result<IssuedAuthorizationCode>.Failure(ErrorResponse(request, error, target, state), error);
        }
    }

    /// <summary>
    /// RFC 9207: <c>iss</c> goes in every authorization response. Without a configured issuer the endpoint does not
    /// run (a programmer error, thrown to the host) instead of answering without <c>iss</c> or guessing one.
    /// </summary>
    private void RequireIssuer()
    {
        if (string.IsNullOrEmpty(options.Issuer))
        {
            throw new InvalidArgumentException(
                "Invalid argument: `OAuth2ServerOptions.Issuer` must be set to serve the authorization endpoint (RFC 9207 `iss`)");
        }
    }

    private async ValueTask<IssuedAuthorizationCode> IssueAsync(AuthorizationRequest validated, OAuth2User user, CancellationToken cancellationToken)
    {
        var scope = await issuer.ValidateScopeAsync(user, validated.Client, validated.Scope, cancellationToken).ConfigureAwait(false);
        var code = await issuer.GenerateAuthorizationCodeAsync(validated.Client, user, scope, cancellationToken).ConfigureAwait(false);
        var now = issuer.TimeProvider.GetUtcNow();
        var data = new AuthorizationCode
        {
            ClientId = validated.Client.Id,
            User = user,
            Scope = scope,
            IssuedAt = now,
            ExpiresAt = now + options.AuthorizationCodeLifetime,
            RedirectUri = validated.RedirectUri,
            RedirectUriSupplied = validated.RedirectUriSupplied,
            CodeChallenge = validated.CodeChallenge,
            CodeChallengeMethod = validated.CodeChallengeMethod,
            GrantId = TokenIssuer.NewGrantId(),
            Resources = validated.Resources,
            DpopJkt = validated.DpopJkt,
        };
        await codes.SaveAuthorizationCodeAsync(code, data, cancellationToken).ConfigureAwait(false);
        return new IssuedAuthorizationCode(code, data, validated.RedirectUri, validated.State);
    }

    /// <summary>
    /// The pushed authorization request's validation (RFC 9126 section 2.1): every rule the authorization endpoint
    /// applies, through the same code, before anything is stored. Throws the first rule's error.
    /// </summary>
    public async ValueTask<AuthorizationRequest> ValidatePushedAsync(ParameterCollection parameters, CancellationToken cancellationToken)
    {
        RequireIssuer();
        var target = await ResolveTargetAsync(parameters, cancellationToken).ConfigureAwait(false);
        return Validate(parameters, target, pushed: true, out _);
    }

    /// <summary>
    /// An authorization request by reference (RFC 9126 section 4): loads the pushed parameters for
    /// <c>client_id</c> + <c>request_uri</c>. Parameters sent beside them are ignored, as for a request object
    /// (RFC 9101 section 5): only what the authenticated client pushed is authorized. Errors here are shown, not
    /// redirected: nothing about the redirect URI is known yet.
    /// </summary>
    private async ValueTask<(ParameterCollection Parameters, string? RequestUri)> ResolvePushedAsync(ParameterCollection sent, CancellationToken cancellationToken)
    {
        var requestUri = sent.GetSingle("request_uri");
        if (requestUri is null)
        {
            return (sent, null);
        }

        if (_pushed is null)
        {
            throw new InvalidRequestUriException("Invalid request_uri: pushed authorization requests are not enabled") { ErrorId = ErrorIds.RequestUriInvalid };
        }

        var clientId = ParameterRules.RequireVsChar(sent.GetSingle("client_id"), "client_id");
        if (requestUri.Length > options.MaxParameterLength || !requestUri.StartsWith(PushedAuthorizationHandler.RequestUriPrefix, StringComparison.Ordinal))
        {
            throw new InvalidRequestUriException("Invalid request_uri: not issued by this server") { ErrorId = ErrorIds.RequestUriInvalid };
        }

        var pushed = await _pushed.GetPushedAuthorizationAsync(requestUri, cancellationToken).ConfigureAwait(false);
        if (pushed is null || !string.Equals(pushed.ClientId, clientId, StringComparison.Ordinal))
        {
            // Another client's request_uri answers as an unknown one.
            throw new InvalidRequestUriException("Invalid request_uri: unknown or expired") { ErrorId = ErrorIds.RequestUriInvalid };
        }

        if (pushed.ConsumedAt is not null)
        {
            throw new InvalidRequestUriException("Invalid request_uri: the pushed request was already used") { ErrorId = ErrorIds.RequestUriUsed };
        }

        if (pushed.ExpiresAt <= issuer.TimeProvider.GetUtcNow())
        {
            throw new InvalidRequestUriException("Invalid request_uri: unknown or expired") { ErrorId = ErrorIds.RequestUriExpired };
        }

        var parameters = new List<KeyValuePair<string, string>>(pushed.Parameters.Count);
        parameters.AddRange(pushed.Parameters);
        return (ParameterCollection.From(parameters), requestUri);
    }

    private async ValueTask<bool> ConsumePushedAsync(string? requestUri, CancellationToken cancellationToken)
        => requestUri is null
            || await _pushed!.ConsumePushedAuthorizationAsync(requestUri, issuer.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);

    private static ParameterCollection GetParameters(OAuth2Request request)
    {
        if (string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return request.Query;
        }

        if (string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return request.HasFormContentType
                ? request.Form
                : throw new InvalidRequestException("Invalid request: content must be application/x-www-form-urlencoded");
        }

        throw new InvalidRequestException("Invalid request: method must be GET or POST");
    }

    /// <summary>The client and redirect URI: errors here are never redirected.</summary>
    private async ValueTask<AuthorizationRequest> ResolveTargetAsync(ParameterCollection parameters, CancellationToken cancellationToken)
    {
        var clientId = ParameterRules.RequireVsChar(parameters.GetSingle("client_id"), "client_id");
        if (clientId.Length > options.MaxParameterLength)
        {
            throw new InvalidRequestException("Invalid parameter: `client_id`");
        }

        var client = await clients.GetClientAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null || !string.Equals(client.Id, clientId, StringComparison.Ordinal))
        {
            throw new InvalidClientException("Invalid client: client credentials are invalid") { ErrorId = ErrorIds.ClientAuthenticationFailed };
        }

        var sent = parameters.GetSingle("redirect_uri");
        string redirectUri;
        if (sent is not null)
        {
            if (sent.Length > options.MaxParameterLength || !RedirectUriMatcher.IsValidFormat(sent))
            {
                throw new InvalidRequestException("Invalid request: `redirect_uri` is not a valid URI");
            }

            var valid = _redirectValidator is not null
                ? await _redirectValidator.ValidateRedirectUriAsync(sent, client, cancellationToken).ConfigureAwait(false)
                : RedirectUriMatcher.Matches(sent, client);
            if (!valid)
            {
                throw new InvalidClientException("Invalid client: `redirect_uri` does not match client value") { ErrorId = ErrorIds.RedirectUriMismatch };
            }

            redirectUri = sent;
        }
        else
        {
            redirectUri = client.RedirectUris.Count switch
            {
                0 => throw new InvalidClientException("Invalid client: missing client `redirectUri`"),
                1 => client.RedirectUris[0],
                _ => throw new InvalidRequestException("Missing parameter: `redirect_uri` (the client has several registered)"),
            };
        }

        return new AuthorizationRequest { Client = client, RedirectUri = redirectUri, RedirectUriSupplied = sent is not null };
    }

    /// <summary>Everything else; errors from here on are redirected to the client.</summary>
    private AuthorizationRequest Validate(ParameterCollection parameters, AuthorizationRequest target, bool pushed, out string? state)
    {
        state = null;

        // State first, so that every later error (a repeated parameter included) can echo it (RFC 6749 section 4.1.2.1).
        var sentState = parameters.GetSingle("state");
        if (sentState is null)
        {
            if (!options.AllowEmptyState)
            {
                throw new InvalidRequestException("Missing parameter: `state`");
            }
        }
        else if (sentState.Length > options.MaxParameterLength || !ParameterRules.IsVsChar(sentState))
        {
            throw new InvalidRequestException("Invalid parameter: `state`");
        }

        state = sentState;
        RequestGuard.RejectRepeatedOrOversized(parameters, options.MaxParameterLength);
        var responseType = parameters.GetSingle("response_type") ?? throw new InvalidRequestException("Missing parameter: `response_type`");
        if (!string.Equals(responseType, "code", StringComparison.Ordinal))
        {
            throw new UnsupportedResponseTypeException("Unsupported response type: `response_type` is not supported");
        }

        // RFC 6749 section 4.1.2.1: once the client and redirect URI are known good, this is reported to the client.
        if (!target.Client.Grants.ContainsOrdinal(GrantTypes.AuthorizationCode))
        {
            throw new UnauthorizedClientException("Unauthorized client: `grant_type` is invalid") { ErrorId = ErrorIds.GrantNotAllowedForClient };
        }

        // RFC 9126 section 5 and 6: the server or the client may accept pushed requests only.
        if (!pushed && (options.RequirePushedAuthorizationRequests || target.Client.RequirePushedAuthorizationRequests))
        {
            throw new InvalidRequestException("Invalid request: authorization requests must be pushed first (`request_uri` from the PAR endpoint)") { ErrorId = ErrorIds.PushedAuthorizationRequired };
        }

        // FAPI 2.0 section 5.3.2.2: the pushed request names its redirect URI.
        if (options.Profile == SecurityProfile.Fapi2 && !target.RedirectUriSupplied)
        {
            throw new InvalidRequestException("Missing parameter: `redirect_uri` (required by the security profile)") { ErrorId = ErrorIds.ProfileViolation };
        }

        var scope = ScopeParser.Parse(parameters.GetSingle("scope"));
        var (challenge, method) = ValidatePkce(parameters, target);

        // RFC 8707 section 2: the resources the code will be good for, each one the client is registered for.
        var resources = Resources.ResourceIndicators.Parse(parameters, options);
        Resources.ResourceIndicators.RequireRegistered(resources, target.Client);

        // RFC 9449 section 10: the key the code will be bound to, if the client names one.
        var dpopJkt = Dpop.DpopJktParameter.Parse(parameters, options);
        return target with { Scope = scope, State = sentState, CodeChallenge = challenge, CodeChallengeMethod = method, Resources = resources, DpopJkt = dpopJkt };
    }

    private (string? Challenge, string? Method) ValidatePkce(ParameterCollection parameters, AuthorizationRequest target)
    {
        var challenge = parameters.GetSingle("code_challenge");
        var method = parameters.GetSingle("code_challenge_method");
        if (challenge is null)
        {
            if (method is not null)
            {
                throw new InvalidRequestException("Missing parameter: `code_challenge`") { ErrorId = ErrorIds.CodeChallengeMissing };
            }

            if (target.Client.Type == Clients.ClientType.Public || target.Client.RequirePkce || options.RequirePkce)
            {
                throw new InvalidRequestException("Missing parameter: `code_challenge` (PKCE is required for this client)") { ErrorId = ErrorIds.CodeChallengeMissing };
            }

            return (null, null);
        }

        method ??= options.EnablePlainPkce ? PkceMethods.Plain : null;
        if (method is null)
        {
            throw new InvalidRequestException("Missing parameter: `code_challenge_method` (only \"S256\" is supported)");
        }

        if (method is not (PkceMethods.S256 or PkceMethods.Plain))
        {
            throw new InvalidRequestException($"Invalid request: transform algorithm '{method}' not supported");
        }

        if (method == PkceMethods.Plain && !options.EnablePlainPkce)
        {
            throw new InvalidRequestException("Invalid request: `code_challenge_method` \"plain\" is not allowed; use \"S256\"") { ErrorId = ErrorIds.PlainPkceNotAllowed };
        }

        if (!PkceVerifier.IsWellFormed(challenge))
        {
            throw new InvalidRequestException("Invalid parameter: `code_challenge`");
        }

        return (challenge, method);
    }

    private static int RedirectStatus(OAuth2Request request)
        => string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase) ? 303 : 302;

    private OAuth2Response ErrorResponse(OAuth2Request request, OAuth2Exception error, AuthorizationRequest? target, string? state)
    {
        if (target is null)
        {
            // Not redirected: unknown client or bad redirect URI. Shown as 400, without a Basic challenge that
            // would make a browser prompt for credentials.
            var (code, status) = ErrorTranslator.Wire(error);
            return ResponseWriter.Json(status == 401 ? 400 : status, new Dictionary<string, object?>(2)
            {
                ["error"] = code,
                ["error_description"] = error.Description,
            });
        }

        var (wireCode, _) = ErrorTranslator.Wire(error);
        var response = new OAuth2Response();
        ResponseWriter.NoStore(response);
        response.Redirect(
            ResponseWriter.AppendQuery(
                target.RedirectUri,
                [new("error", wireCode), new("error_description", error.Description), new("state", state), new("iss", options.Issuer)]),
            RedirectStatus(request));
        return response;
    }
}
