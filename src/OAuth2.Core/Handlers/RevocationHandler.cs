using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Model;

namespace OAuth2.Handlers;

/// <summary>
/// Token revocation (RFC 7009). The client authenticates as at the token endpoint; an unknown token, or a token of
/// another client, gets the same empty 200 as a revoked one, so the endpoint reveals nothing. Revoking a refresh
/// token revokes its family (section 2.1). A store outage is 503, never a false 200 (CVE-2020-15223).
/// </summary>
internal sealed class RevocationHandler(
    ITokenModel tokens,
    ITokenRevocationModel revocation,
    TokenLookup lookup,
    ClientAuthenticator authenticator,
    OAuth2ServerOptions options)
{
    public async ValueTask<OAuth2Result<RevocationOutcome>> HandleAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await HandleCoreAsync(request, cancellationToken).ConfigureAwait(false);
            var response = new OAuth2Response();
            ResponseWriter.NoStore(response);
            return OAuth2Result<RevocationOutcome>.Success(response, outcome);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var error = ErrorTranslator.Translate(e);
            return OAuth2Result<RevocationOutcome>.Failure(ResponseWriter.Error(error, options.Realm), error);
        }
    }

    private async ValueTask<RevocationOutcome> HandleCoreAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        var token = await EndpointRequest.ReadTokenRequestAsync(request, options, authenticator, ClientAuthenticationPurpose.Revocation, cancellationToken).ConfigureAwait(false);
        var (access, refresh) = await lookup.FindAsync(token.Value, token.Hint, cancellationToken).ConfigureAwait(false);
        if (refresh is not null)
        {
            if (!string.Equals(refresh.ClientId, token.Client.Id, StringComparison.Ordinal))
            {
                return RevocationOutcome.NotOwned;
            }

            await tokens.RevokeGrantAsync(refresh.GrantId, cancellationToken).ConfigureAwait(false);
            return RevocationOutcome.RevokedRefreshTokenFamily;
        }

        if (access is not null)
        {
            if (!string.Equals(access.ClientId, token.Client.Id, StringComparison.Ordinal))
            {
                return RevocationOutcome.NotOwned;
            }

            await revocation.RevokeAccessTokenAsync(token.Value, cancellationToken).ConfigureAwait(false);
            return RevocationOutcome.RevokedAccessToken;
        }

        return RevocationOutcome.Unknown;
    }
}
