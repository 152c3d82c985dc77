using OAuth2.Model;
using OAuth2.Storage;

namespace OAuth2.Grants;

/// <summary>
/// The JWT bearer grant's single-use <c>jti</c> rule (RFC 7523 section 3, item 7) on the shared <see cref="IReplayCache"/>
/// that client assertions use, so an assertion is accepted once across every instance sharing the backend. Keys are
/// <c>jb:</c> and a hash of issuer and <c>jti</c>: a <c>jti</c> is unique per issuer.
/// </summary>
internal sealed class SharedAssertionReplay(IReplayCache cache, TimeProvider timeProvider) : IAssertionReplayModel
{
    public ValueTask<bool> TryUseJwtIdAsync(string issuer, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => cache.TryAddAsync(ClientAssertions.ClientAssertionValidator.ReplayKey("jb:", issuer, jwtId), expiresAt, timeProvider.GetUtcNow(), cancellationToken);
}
