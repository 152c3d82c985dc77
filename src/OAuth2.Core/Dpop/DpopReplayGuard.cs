using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using OAuth2.Storage;

namespace OAuth2.Dpop;

/// <summary>
/// Remembers the <c>jti</c> of every accepted proof in the shared <see cref="IReplayCache"/> until it could no longer
/// be fresh, so a proof is single use across instances (RFC 9449 section 11.1). The key is a digest of the key
/// thumbprint and the <c>jti</c>: fixed length, printable, and two clients choosing the same <c>jti</c> never collide.
/// </summary>
internal sealed class DpopReplayGuard(IReplayCache? cache, TimeProvider timeProvider)
{
    /// <summary>Whether this is the first use of <paramref name="jti"/> with this key; records it until <paramref name="expiresAt"/>.</summary>
    public async ValueTask<bool> TryUseAsync(string thumbprint, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // Without a cache a replay could not be told apart, so no proof is accepted (the DI registration supplies one).
        if (cache is null)
        {
            return false;
        }

        return await cache.TryAddAsync(Key(thumbprint, jti), expiresAt, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private static string Key(string thumbprint, string jti)
        => "dpop:" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprint + " " + jti)));
}
