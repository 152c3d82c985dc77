using System.Collections.Concurrent;
using OAuth2.Tokens;

namespace OAuth2.Storage.InMemory;

public sealed partial class InMemoryStore : IPushedAuthorizationStore
{
    private readonly ConcurrentDictionary<TokenDigest, PushedAuthorization> _pushed = new();

    /// <inheritdoc />
    public ValueTask SavePushedAuthorizationAsync(TokenDigest digest, PushedAuthorization request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(request);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        // A copy of the parameters, so a caller changing its dictionary later cannot change what was pushed.
        var copy = request with { Parameters = new Dictionary<string, string>(request.Parameters, StringComparer.Ordinal) };
        if (copy.ExpiresAt.UtcTicks > NowTicks)
        {
            _pushed[digest] = copy;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<PushedAuthorization?> FindPushedAuthorizationAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<PushedAuthorization?>(cancellationToken)
            : ValueTask.FromResult(FindPushed(digest));
    }

    /// <inheritdoc />
    public ValueTask<bool> ConsumePushedAuthorizationAsync(TokenDigest digest, DateTimeOffset consumedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        // Compare-and-swap against the exact record read: of concurrent callers, one replaces it and the rest see it marked.
        var current = FindPushed(digest);
        return ValueTask.FromResult(current is { ConsumedAt: null } && _pushed.TryUpdate(digest, current with { ConsumedAt = consumedAt }, current));
    }

    private PushedAuthorization? FindPushed(TokenDigest digest)
    {
        if (!_pushed.TryGetValue(digest, out var request))
        {
            return null;
        }

        if (request.ExpiresAt.UtcTicks <= NowTicks)
        {
            _pushed.TryRemove(new KeyValuePair<TokenDigest, PushedAuthorization>(digest, request));
            return null;
        }

        return request;
    }

    private int PrunePushed(long now)
    {
        var removed = 0;
        foreach (var pair in _pushed)
        {
            if (pair.Value.ExpiresAt.UtcTicks <= now && _pushed.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }
}
