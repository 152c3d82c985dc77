using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2;

/// <summary>The revocation endpoint (RFC 7009).</summary>
public sealed partial class OAuth2Server
{
    /// <summary>
    /// The revocation endpoint (RFC 7009): always an empty 200 for an authenticated client, whether the token was
    /// revoked, unknown or another client's; <c>server_error</c> 503 when the store is down.
    /// </summary>
    public ValueTask<OAuth2Result<RevocationOutcome>> RevokeAsync(OAuth2Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_revocationHandler is null)
        {
            var error = new InvalidArgumentException("Invalid argument: model does not implement `RevokeAccessTokenAsync()` (required by the revocation endpoint; implement ITokenRevocationModel)");
            return ValueTask.FromResult(OAuth2Result<RevocationOutcome>.Failure(ResponseWriter.Error(error, _options.Realm), error));
        }

        return ObservedRevokeAsync(_revocationHandler, request, cancellationToken);
    }
}
