using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2;

/// <summary>Pushed authorization requests (RFC 9126).</summary>
public sealed partial class OAuth2Server
{
    /// <summary>
    /// The pushed authorization request endpoint (RFC 9126 section 2): authenticates the client, validates its
    /// authorization request as the authorization endpoint would, and answers 201 with a single-use
    /// <c>request_uri</c> and its <c>expires_in</c>, or the RFC error. The result's value is the validated request.
    /// </summary>
    public ValueTask<OAuth2Result<AuthorizationRequest>> PushedAuthorizationAsync(OAuth2Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_pushedAuthorizationHandler is null)
        {
            var error = new InvalidRequestException("Invalid request: pushed authorization requests are not enabled");
            return ValueTask.FromResult(OAuth2Result<AuthorizationRequest>.Failure(ResponseWriter.Error(error, _options.Realm), error));
        }

        return ObservedPushedAuthorizationAsync(_pushedAuthorizationHandler, request, cancellationToken);
    }

    private async ValueTask<OAuth2Result<AuthorizationRequest>> ObservedPushedAuthorizationAsync(PushedAuthorizationHandler handler, OAuth2Request request, CancellationToken cancellationToken)
    {
        using var activity = Diagnostics.OAuth2Telemetry.StartEndpoint("OAuth2 par", Diagnostics.OAuth2Telemetry.Endpoints.PushedAuthorization);
        var result = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            await _telemetry.FailedAsync(Diagnostics.OAuth2Telemetry.Endpoints.PushedAuthorization, request, error, activity, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            activity?.SetTag(Diagnostics.OAuth2Telemetry.TagNames.ClientId, result.Value!.Client.Id);
        }

        return result;
    }
}
