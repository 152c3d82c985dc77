using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Model;
using OAuth2.Scopes;
using OAuth2.TokenExchange;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// Token exchange (RFC 8693 section 2): a client trades a subject token (and, for delegation, an actor token) for a
/// new access token, as the application's <see cref="ITokenExchangeModel"/> policy allows. Every check runs before
/// anything is written: token types, both tokens, the scope (never wider than the subject token's or the client's),
/// the policy, the targets.
/// </summary>
/// <remarks>
/// The new token joins the subject token's family (its grant id) when this server issued the subject token: revoking
/// that family (a reused refresh token, a replayed code, a user's sign-out) takes the exchanged tokens with it,
/// rather than leaving a derived credential alive. A subject JWT from another issuer starts a new family.
/// </remarks>
internal sealed class TokenExchangeGrant(ITokenExchangeModel policy, ExchangeTokenReader reader, ITokenModel tokens) : ITokenGrant
{
    public async ValueTask<Token> IssueAsync(GrantContext context, CancellationToken cancellationToken)
    {
        var issuer = context.Issuer;
        var subjectToken = ParameterRules.RequireVsChar(context.GetParameter("subject_token"), "subject_token");
        var subjectType = RequireTokenType(context.GetParameter("subject_token_type"), "subject_token_type");
        var actorToken = context.GetParameter("actor_token");
        var actorType = context.GetParameter("actor_token_type");
        if (actorToken is null != actorType is null)
        {
            // Section 2.1: actor_token_type is required with actor_token and must not appear without it.
            throw new InvalidRequestException("Invalid request: `actor_token` and `actor_token_type` go together") { ErrorId = ErrorIds.ActorTokenInvalid };
        }

        if (actorToken is not null)
        {
            ParameterRules.RequireVsChar(actorToken, "actor_token");
            actorType = RequireTokenType(actorType, "actor_token_type");
        }

        var requestedType = context.GetParameter("requested_token_type") ?? TokenTypeIdentifiers.AccessToken;
        if (!(requestedType is TokenTypeIdentifiers.AccessToken or TokenTypeIdentifiers.RefreshToken
            || (requestedType == TokenTypeIdentifiers.Jwt && issuer.Options.JwtAccessTokens is not null)))
        {
            throw new InvalidRequestException("Invalid request: unsupported `requested_token_type`") { ErrorId = ErrorIds.UnsupportedTokenType };
        }

        var requested = ScopeParser.Parse(context.GetParameter("scope"));
        var targets = ReadTargets(context);

        var subject = await reader.ReadAsync(subjectToken, subjectType, "subject_token", ErrorIds.SubjectTokenInvalid, cancellationToken).ConfigureAwait(false);
        var actor = actorToken is null
            ? null
            : await reader.ReadAsync(actorToken, actorType!, "actor_token", ErrorIds.ActorTokenInvalid, cancellationToken).ConfigureAwait(false);

        // Never wider than the subject token's scope, nor the client's registered scope.
        var ceiling = context.Client.Scopes is { } clientScopes ? Intersect(subject.Scope, clientScopes) : subject.Scope;
        if (requested.Count > 0 && !ScopeParser.IsSubset(requested, ceiling))
        {
            throw new InvalidScopeException("Invalid scope: the requested scope is wider than the subject token's") { ErrorId = ErrorIds.TokenExchangeScopeWidened };
        }

        var scope = requested.Count > 0 ? requested : ceiling;
        var act = Delegation(subject, actor);

        var decision = await policy.AuthorizeExchangeAsync(
            new TokenExchangeRequest
            {
                Client = context.Client,
                Subject = subject,
                Actor = actor,
                Scope = scope,
                Audiences = targets,
                RequestedTokenType = requestedType,
            },
            cancellationToken).ConfigureAwait(false);
        if (decision is not { Allowed: true })
        {
            throw new InvalidRequestException("Invalid request: the token exchange is not allowed") { ErrorId = ErrorIds.TokenExchangeDenied };
        }

        foreach (var target in targets)
        {
            if (!decision.Audiences.ContainsOrdinal(target))
            {
                throw new InvalidTargetException("Invalid target: the client may not obtain a token for a requested `audience` or `resource`") { ErrorId = ErrorIds.TokenExchangeTargetDenied };
            }
        }

        var audiences = targets.Count > 0 ? targets : decision.Audiences;
        var granted = decision.Scope is null ? scope : Intersect(decision.Scope, scope);
        var withRefresh = requestedType == TokenTypeIdentifiers.RefreshToken;
        if (withRefresh && (!decision.AllowRefreshToken || act is not null || !issuer.MayIssueRefreshToken(context.Client)))
        {
            throw new InvalidRequestException("Invalid request: a refresh token cannot be issued for this exchange") { ErrorId = ErrorIds.TokenExchangeRefreshNotAllowed };
        }

        if (withRefresh)
        {
            // The refresh grant holds a refresh to the client's registered resources (RFC 8707); a refresh token it
            // could never use is refused here rather than issued.
            Resources.ResourceIndicators.RequireRegistered(audiences, context.Client);
        }

        var grantId = subject.GrantId is { Length: > 0 } family ? family : TokenIssuer.NewGrantId();
        var token = await issuer.IssueAsync(context.Client, subject.User, granted, grantId, withRefresh, audiences, audiences, null, cancellationToken, act).ConfigureAwait(false);
        token = token with
        {
            ExtendedAttributes = ActorClaim.Attributes(act),
            IssuedTokenType = requestedType,
        };
        var saved = await SavedTokens.SaveAsync(tokens, token, cancellationToken).ConfigureAwait(false);

        // The subject's family may have been revoked while this exchange ran; then the token just saved goes too.
        if (subject.GrantId is not null && !await reader.StillValidAsync(subjectToken, subjectType, cancellationToken).ConfigureAwait(false))
        {
            await tokens.RevokeGrantAsync(saved.GrantId, cancellationToken).ConfigureAwait(false);
            throw new InvalidRequestException("Invalid request: `subject_token` is not valid") { ErrorId = ErrorIds.SubjectTokenInvalid };
        }

        return saved;
    }

    private string RequireTokenType(string? value, string name)
    {
        if (value is null)
        {
            throw new InvalidRequestException($"Missing parameter: `{name}`");
        }

        return reader.Supports(value)
            ? value
            : throw new InvalidRequestException($"Invalid request: unsupported `{name}`") { ErrorId = ErrorIds.UnsupportedTokenType };
    }

    /// <summary>
    /// The new token's <c>act</c> claim (section 4.1). Delegation: the actor, nesting the actor token's own chain
    /// (it acts for someone already) or else the subject token's prior actors. Impersonation keeps the subject's
    /// chain, so an exchange never erases that someone acted.
    /// </summary>
    private static TokenActor? Delegation(ExchangedToken subject, ExchangedToken? actor)
    {
        if (actor is null)
        {
            return subject.Actor;
        }

        var act = new TokenActor(actor.User.Id)
        {
            Issuer = actor.Issuer,
            ClientId = actor.ClientId,
            Actor = actor.Actor ?? subject.Actor,
        };
        return ActorClaim.Depth(act) <= ActorClaim.MaxDepth
            ? act
            : throw new InvalidRequestException("Invalid request: the delegation chain is too long") { ErrorId = ErrorIds.DelegationChainTooLong };
    }

    /// <summary>
    /// The <c>audience</c> values then the <c>resource</c> values, without duplicates. Resources follow RFC 8707's
    /// rules (absolute URIs without a fragment, at most <see cref="OAuth2ServerOptions.MaxResources"/>); audiences are
    /// logical names the policy knows, held to the same count.
    /// </summary>
    private static IReadOnlyList<string> ReadTargets(GrantContext context)
    {
        var options = context.Issuer.Options;
        var audiences = context.Request.Form.GetAll("audience");
        var resources = Resources.ResourceIndicators.Parse(context.Request.Form, options);
        if (audiences.Count == 0)
        {
            return resources;
        }

        if (audiences.Count + resources.Count > options.MaxResources)
        {
            throw new InvalidTargetException($"Invalid target: at most {options.MaxResources} `audience` and `resource` values are accepted") { ErrorId = ErrorIds.TooManyResources };
        }

        var targets = new List<string>(audiences.Count + resources.Count);
        foreach (var target in audiences.Concat(resources))
        {
            if (!targets.ContainsOrdinal(ParameterRules.RequireVsChar(target, "audience")))
            {
                targets.Add(target);
            }
        }

        return targets.ToArray();
    }

    private static IReadOnlyList<string> Intersect(IReadOnlyList<string> scope, IReadOnlyList<string> allowed)
        => scope.Where(allowed.ContainsOrdinal).ToArray();
}
