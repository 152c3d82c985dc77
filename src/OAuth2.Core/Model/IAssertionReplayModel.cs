namespace OAuth2.Model;

/// <summary>
/// Remembers the <c>jti</c> of every accepted assertion until it expires, so each is used once (RFC 7523 section 3,
/// item 7). One atomic step that says whether this caller used it first, so that of two concurrent uses one wins.
/// </summary>
public interface IAssertionReplayModel
{
    /// <summary>Records <paramref name="jwtId"/> of <paramref name="issuer"/> until <paramref name="expiresAt"/>; <c>false</c> when it was already used.</summary>
    ValueTask<bool> TryUseJwtIdAsync(string issuer, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
