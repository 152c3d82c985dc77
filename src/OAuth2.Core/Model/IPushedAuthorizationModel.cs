using OAuth2.Tokens;

namespace OAuth2.Model;

/// <summary>
/// What pushed authorization requests (RFC 9126) need: a pushed request saved under its <c>request_uri</c>, read back
/// by the authorization endpoint, and consumed once by a compare-and-swap when the authorization completes.
/// </summary>
public interface IPushedAuthorizationModel
{
    ValueTask SavePushedAuthorizationAsync(string requestUri, PushedAuthorization data, CancellationToken cancellationToken);

    /// <summary>The pushed request, consumed or not; <c>null</c> when unknown (or already gone after expiry).</summary>
    ValueTask<PushedAuthorization?> GetPushedAuthorizationAsync(string requestUri, CancellationToken cancellationToken);

    /// <summary>Marks the request consumed; <c>true</c> only for the one caller that did.</summary>
    ValueTask<bool> ConsumePushedAuthorizationAsync(string requestUri, DateTimeOffset consumedAt, CancellationToken cancellationToken);
}
