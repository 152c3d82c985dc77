using OAuth2.Tokens;

namespace OAuth2.Storage;

/// <summary>The one argument rule every device store shares: a replacement carries the next revision.</summary>
public static class DeviceRevisions
{
    /// <summary>Throws unless <paramref name="authorization"/> is at <paramref name="expectedRevision"/> + 1.</summary>
    public static void EnsureNext(long expectedRevision, DeviceAuthorization authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (authorization.Revision != expectedRevision + 1)
        {
            throw new ArgumentException(
                $"A device authorization replacing revision {expectedRevision} must carry revision {expectedRevision + 1}, not {authorization.Revision}.",
                nameof(authorization));
        }
    }
}
