using OAuth2.Storage;
using OAuth2.Tokens;

namespace OAuth2.Diagnostics;

/// <summary>
/// The pushed authorization store (RFC 9126) with every call timed and traced like the main store's
/// (<see cref="InstrumentedOAuth2Store.Instrument(IPushedAuthorizationStore)"/> builds it). Only the operation's
/// name and the backend's are tagged, never the digest or the pushed parameters.
/// </summary>
internal sealed class InstrumentedPushedAuthorizationStore(IPushedAuthorizationStore inner, StoreOperationTimer timer) : IPushedAuthorizationStore
{
    public ValueTask SavePushedAuthorizationAsync(TokenDigest digest, PushedAuthorization request, CancellationToken cancellationToken)
        => timer.Run(inner, "SavePushedAuthorization", (digest, request, cancellationToken), static (s, a) => s.SavePushedAuthorizationAsync(a.digest, a.request, a.cancellationToken));

    public ValueTask<PushedAuthorization?> FindPushedAuthorizationAsync(TokenDigest digest, CancellationToken cancellationToken)
        => timer.Run(inner, "FindPushedAuthorization", (digest, cancellationToken), static (s, a) => s.FindPushedAuthorizationAsync(a.digest, a.cancellationToken));

    public ValueTask<bool> ConsumePushedAuthorizationAsync(TokenDigest digest, DateTimeOffset consumedAt, CancellationToken cancellationToken)
        => timer.Run(inner, "ConsumePushedAuthorization", (digest, consumedAt, cancellationToken), static (s, a) => s.ConsumePushedAuthorizationAsync(a.digest, a.consumedAt, a.cancellationToken));
}
