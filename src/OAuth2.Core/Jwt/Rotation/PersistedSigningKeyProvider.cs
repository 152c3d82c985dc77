using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OAuth2.Diagnostics;
using OAuth2.Storage;

namespace OAuth2.Jwt.Rotation;

/// <summary>
/// Signing keys generated, sealed and kept in an <see cref="ISigningKeyStore"/>, so that every server instance on the
/// same store signs with and publishes the same keys, and rotates them on the schedule of
/// <see cref="SigningKeyRotationOptions"/>.
/// </summary>
/// <remarks>
/// <para>
/// Lifecycle of generation <c>n</c>: created and published (next) <see cref="SigningKeyRotationOptions.PublishAhead"/>
/// before it activates; active until generation <c>n+1</c> activates, one
/// <see cref="SigningKeyRotationOptions.RotationInterval"/> later; then retired (published, validates, never signs)
/// for <see cref="SigningKeyRotationOptions.RetiredKeyRetention"/>; then dropped from the store.
/// </para>
/// <para>
/// Any instance may rotate: it inserts generation <c>n+1</c>, and the store lets exactly one insert of a generation
/// win, so two instances rotating at once end with one new key that both then read. Transitions are computed from
/// the stored schedule and the clock, so instances agree without talking to each other; the store is re-read every
/// <see cref="SigningKeyRotationOptions.RefreshInterval"/> and when a rotation is due. When the store is unavailable
/// the keys already read keep working.
/// </para>
/// <para>
/// Private keys are stored only as sealed by the <see cref="ISigningKeyProtector"/>; there is no way to store them in
/// the clear.
/// </para>
/// </remarks>
public sealed class PersistedSigningKeyProvider : IJwtSigningKeyProvider
{
    private readonly ISigningKeyStore _store;
    private readonly ISigningKeyProtector _protector;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(long Generation, string KeyId), JwtSigningKey?> _opened = [];
    private IReadOnlyList<StoredSigningKey> _stored = [];
    private DateTimeOffset _readDueAt = DateTimeOffset.MinValue;
    private volatile Snapshot? _current;

    /// <summary>A provider over <paramref name="store"/>; <paramref name="protector"/> is required, there is no unprotected mode.</summary>
    public PersistedSigningKeyProvider(ISigningKeyStore store, ISigningKeyProtector protector, SigningKeyRotationOptions options, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _protector = protector ?? throw new ArgumentNullException(
            nameof(protector),
            "Persisted signing keys need an ISigningKeyProtector: private keys are never stored in the clear. With ASP.NET Core one backed by Data Protection is registered; otherwise pass e.g. an AesGcmSigningKeyProtector.");
        options.Validate(TimeSpan.Zero);
        _store = store;
        Options = options;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The rotation schedule.</summary>
    public SigningKeyRotationOptions Options { get; }

    /// <inheritdoc />
    public ValueTask<JwtSigningKeySet> GetSigningKeysAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        return current is not null && _timeProvider.GetUtcNow() < current.ValidUntil
            ? ValueTask.FromResult(current.Set)
            : RefreshAsync(cancellationToken);
    }

    /// <summary>Reads the store now and rotates if due, whatever the schedule says; for an operator's "rotate now" or a test.</summary>
    public async ValueTask<JwtSigningKeySet> RefreshNowAsync(CancellationToken cancellationToken)
    {
        _readDueAt = DateTimeOffset.MinValue;
        _current = null;
        return await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<JwtSigningKeySet> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _timeProvider.GetUtcNow();
            if (_current is { } fresh && now < fresh.ValidUntil)
            {
                return fresh.Set;
            }

            if (now >= _readDueAt || _stored.Count == 0)
            {
                await ReadAndRotateAsync(now, cancellationToken).ConfigureAwait(false);
            }

            var snapshot = Build(now);
            _current = snapshot;
            return snapshot.Set;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask ReadAndRotateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredSigningKey> stored;
        try
        {
            stored = await _store.GetSigningKeysAsync(cancellationToken).ConfigureAwait(false);
            if (NextGeneration(stored, now) is { } due)
            {
                var key = JwtSigningKey.Generate(Options.Algorithm);
                var candidate = new StoredSigningKey
                {
                    Generation = due.Generation,
                    KeyId = key.KeyId,
                    Algorithm = key.Algorithm,
                    ProtectedKey = _protector.Protect(key.ExportPkcs8PrivateKey()),
                    CreatedAt = now,
                    ActivatesAt = due.ActivatesAt,
                };
                if (await _store.TryAddSigningKeyAsync(candidate, cancellationToken).ConfigureAwait(false))
                {
                    _opened[(candidate.Generation, candidate.KeyId)] = key;
                    CoreLog.SigningKeyCreated(_logger, key.KeyId, candidate.Generation, key.Algorithm, candidate.ActivatesAt);
                }
                else
                {
                    CoreLog.SigningKeyRotationLost(_logger, candidate.Generation);
                }

                stored = await _store.GetSigningKeysAsync(cancellationToken).ConfigureAwait(false);
            }

            stored = [.. stored.OrderBy(k => k.Generation)];
            await DropExpiredAsync(stored, now, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException e) when (_stored.Count > 0)
        {
            // Keep signing and validating with what was read; try the store again soon.
            CoreLog.SigningKeyStoreUnavailable(_logger, _stored.Count, e);
            _readDueAt = now + TimeSpan.FromTicks(Math.Min(Options.RefreshInterval.Ticks, TimeSpan.FromSeconds(30).Ticks));
            return;
        }

        _stored = stored;
        _readDueAt = now + Options.RefreshInterval;
    }

    /// <summary>The generation to add now, if a rotation is due: the first key at once, then each one <see cref="SigningKeyRotationOptions.PublishAhead"/> before it signs.</summary>
    private (long Generation, DateTimeOffset ActivatesAt)? NextGeneration(IReadOnlyList<StoredSigningKey> stored, DateTimeOffset now)
    {
        if (stored.Count == 0)
        {
            return (1, now);
        }

        var newest = stored.MaxBy(k => k.Generation)!;
        if (!stored.Any(k => Open(k) is not null))
        {
            // Not one stored key opens here (the protector's secret changed, e.g. a Data Protection key ring that was
            // not persisted): rather than never signing again, add a key that does, at once. Logged per key above.
            return (newest.Generation + 1, now);
        }

        if (newest.ActivatesAt > now || now < newest.ActivatesAt + Options.RotationInterval - Options.PublishAhead)
        {
            return null; // a next key is already published, or the active key is not due yet
        }

        var onSchedule = newest.ActivatesAt + Options.RotationInterval;
        var earliest = now + Options.PublishAhead;
        return (newest.Generation + 1, onSchedule > earliest ? onSchedule : earliest);
    }

    private async ValueTask DropExpiredAsync(IReadOnlyList<StoredSigningKey> stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var i = 0; i + 1 < stored.Count; i++)
        {
            if (stored[i + 1].ActivatesAt <= now && DropsAt(stored, i) <= now)
            {
                await _store.RemoveSigningKeyAsync(stored[i].Generation, cancellationToken).ConfigureAwait(false);
                _opened.Remove((stored[i].Generation, stored[i].KeyId));
                CoreLog.SigningKeyDropped(_logger, stored[i].KeyId, stored[i].Generation);
            }
        }
    }

    private DateTimeOffset DropsAt(IReadOnlyList<StoredSigningKey> stored, int index) => stored[index + 1].ActivatesAt + Options.RetiredKeyRetention;

    /// <summary>The set in force at <paramref name="now"/> and the first instant it changes (a key activates or is dropped, or the store is due).</summary>
    private Snapshot Build(DateTimeOffset now)
    {
        var stored = _stored;
        var activeIndex = -1;
        for (var i = 0; i < stored.Count; i++)
        {
            if (stored[i].ActivatesAt <= now && Open(stored[i]) is not null)
            {
                activeIndex = i;
            }
        }

        if (activeIndex < 0)
        {
            // Only keys this instance's clock sees as future (another instance's clock runs ahead): sign with the first.
            activeIndex = stored.Select((k, i) => (k, i)).FirstOrDefault(p => Open(p.k) is not null, (null!, -1)).Item2;
            if (activeIndex < 0)
            {
                throw new InvalidOperationException("No usable JWT signing key: the store holds none this instance can unprotect (see the log).");
            }
        }

        var validUntil = _readDueAt;
        var active = stored[activeIndex];
        var rotationDue = active.ActivatesAt + Options.RotationInterval - Options.PublishAhead;
        validUntil = Min(validUntil, rotationDue > now ? rotationDue : validUntil);
        var next = new List<JwtSigningKey>();
        for (var i = activeIndex + 1; i < stored.Count; i++)
        {
            if (Open(stored[i]) is { } key)
            {
                next.Add(key);
                validUntil = stored[i].ActivatesAt > now ? Min(validUntil, stored[i].ActivatesAt) : validUntil;
            }
        }

        var retired = new List<JwtSigningKey>();
        for (var i = activeIndex - 1; i >= 0; i--)
        {
            var dropsAt = DropsAt(stored, i);
            if (dropsAt > now && Open(stored[i]) is { } key)
            {
                retired.Add(key);
                validUntil = Min(validUntil, dropsAt);
            }
        }

        var set = new JwtSigningKeySet(Open(active)!, next, retired) { JwksMaxAge = Options.JwksMaxAge };
        return new Snapshot(set, validUntil);
    }

    private JwtSigningKey? Open(StoredSigningKey stored)
    {
        if (_opened.TryGetValue((stored.Generation, stored.KeyId), out var key))
        {
            return key;
        }

        try
        {
            var pkcs8 = _protector.Unprotect(stored.ProtectedKey);
            try
            {
                key = JwtSigningKey.ImportPkcs8(pkcs8, stored.KeyId, stored.Algorithm);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            CoreLog.SigningKeyUnprotectFailed(_logger, stored.KeyId, stored.Generation, e);
            key = null;
        }

        _opened[(stored.Generation, stored.KeyId)] = key;
        return key;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Snapshot(JwtSigningKeySet Set, DateTimeOffset ValidUntil);
}
