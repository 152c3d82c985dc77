using System.Net;
using OAuth2.Storage;

namespace OAuth2.Throttling;

/// <summary>
/// The one rule for failed authentication: after too many failures for an identifier (a client id, a username) from
/// one address, or from all addresses together, further attempts are refused <em>before</em> the credentials are
/// checked, so a locked-out guess costs no secret hash, and the right credentials are refused too until the window
/// ends (a lockout that let the right guess through would tell the attacker when they found it).
/// </summary>
/// <remarks>
/// <para>
/// Use: <see cref="CheckAsync"/> before checking; if <see cref="ThrottleCheck.IsThrottled"/>, answer 429 with
/// <c>Retry-After</c>. Otherwise check the credentials, then <see cref="RecordFailureAsync"/> or
/// <see cref="RecordSuccessAsync"/>. A success forgets the failures from that address (a user who mistyped twice
/// starts afresh), never the total: otherwise an attacker sharing an address with a busy legitimate client would have
/// its count wiped by every one of the client's successes.
/// </para>
/// <para>
/// Counts live in the registered <see cref="IFailedAttemptStore"/>, so they hold across server instances when it is a
/// shared one. Time comes from the injected <see cref="TimeProvider"/>. Nothing secret is ever passed in.
/// </para>
/// </remarks>
public sealed class FailedAuthenticationThrottle
{
    private readonly IFailedAttemptStore _store;
    private readonly FailedAuthenticationOptions _options;
    private readonly TimeProvider _timeProvider;

    public FailedAuthenticationThrottle(IFailedAttemptStore store, FailedAuthenticationOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.IPv6PrefixLength, nameof(options.IPv6PrefixLength));
        _store = store;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The limits in force.</summary>
    public FailedAuthenticationOptions Options => _options;

    /// <summary>
    /// Whether an attempt for <paramref name="identifier"/> from <paramref name="remoteAddress"/> may be checked at all.
    /// <c>null</c> or empty identifiers, and a disabled throttle, are never throttled (and record nothing).
    /// </summary>
    public async ValueTask<ThrottleCheck> CheckAsync(AuthenticationSubject subject, string? identifier, IPAddress? remoteAddress, CancellationToken cancellationToken)
    {
        if (!_options.Enabled || string.IsNullOrEmpty(identifier))
        {
            return default;
        }

        var perAddress = _options.PerAddress(subject);
        var total = _options.Total(subject);
        var perAddressKey = perAddress.IsOn ? ThrottleKeys.PerAddress(subject, identifier, remoteAddress, _options.IPv6PrefixLength) : null;
        var totalKey = total.IsOn ? ThrottleKeys.Total(subject, identifier) : null;
        var now = _timeProvider.GetUtcNow();

        // Both reads are started before either is awaited, so a networked store sends them together.
        var fromAddressTask = perAddressKey is null ? default : _store.GetFailuresAsync(perAddressKey, now, cancellationToken);
        var inTotalTask = totalKey is null ? default : _store.GetFailuresAsync(totalKey, now, cancellationToken);
        var fromAddress = perAddressKey is null ? FailedAttempts.None : await fromAddressTask.ConfigureAwait(false);
        var inTotal = totalKey is null ? FailedAttempts.None : await inTotalTask.ConfigureAwait(false);

        var retryAfter = TimeSpan.Zero;
        if (perAddressKey is not null && fromAddress.Count >= perAddress.MaxFailures)
        {
            retryAfter = Until(fromAddress.WindowEndsAt, now);
        }

        if (totalKey is not null && inTotal.Count >= total.MaxFailures)
        {
            retryAfter = Max(retryAfter, Until(inTotal.WindowEndsAt, now));
        }

        return new ThrottleCheck(perAddressKey, totalKey, subject, fromAddress.Count, retryAfter);
    }

    /// <summary>
    /// Counts a failed attempt that <paramref name="check"/> let through. Returns the state after it: throttled when
    /// this failure reached a limit (the moment a lockout begins, worth an audit event).
    /// </summary>
    public async ValueTask<ThrottleCheck> RecordFailureAsync(ThrottleCheck check, CancellationToken cancellationToken)
    {
        if (check.Identifier is { } identifier)
        {
            var perAddressOn = _options.PerAddress(check.Subject).IsOn;
            var totalOn = _options.Total(check.Subject).IsOn;
            check = new ThrottleCheck(
                perAddressOn ? ThrottleKeys.PerAddress(check.Subject, identifier, check.Address, _options.IPv6PrefixLength) : null,
                totalOn ? ThrottleKeys.Total(check.Subject, identifier) : null,
                check.Subject,
                0,
                TimeSpan.Zero);
        }

        if (check.PerAddressKey is null && check.TotalKey is null)
        {
            return check;
        }

        var now = _timeProvider.GetUtcNow();
        var perAddress = _options.PerAddress(check.Subject);
        var total = _options.Total(check.Subject);
        var fromAddressTask = check.PerAddressKey is null ? default : _store.RecordFailureAsync(check.PerAddressKey, now, perAddress.Window, cancellationToken);
        var inTotalTask = check.TotalKey is null ? default : _store.RecordFailureAsync(check.TotalKey, now, total.Window, cancellationToken);
        var fromAddress = check.PerAddressKey is null ? FailedAttempts.None : await fromAddressTask.ConfigureAwait(false);
        var inTotal = check.TotalKey is null ? FailedAttempts.None : await inTotalTask.ConfigureAwait(false);

        var retryAfter = TimeSpan.Zero;
        if (check.PerAddressKey is not null && fromAddress.Count >= perAddress.MaxFailures)
        {
            retryAfter = Until(fromAddress.WindowEndsAt, now);
        }

        if (check.TotalKey is not null && inTotal.Count >= total.MaxFailures)
        {
            retryAfter = Max(retryAfter, Until(inTotal.WindowEndsAt, now));
        }

        return new ThrottleCheck(check.PerAddressKey, check.TotalKey, check.Subject, fromAddress.Count, retryAfter);
    }

    /// <summary>Forgets the failures from this address after a successful attempt; writes nothing when there were none.</summary>
    public ValueTask RecordSuccessAsync(ThrottleCheck check, CancellationToken cancellationToken)
        => check.PerAddressKey is not null && check.FailuresFromAddress > 0
            ? _store.ResetFailuresAsync(check.PerAddressKey, cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>Whole seconds until <paramref name="end"/>, at least one (Retry-After has no smaller unit).</summary>
    private static TimeSpan Until(DateTimeOffset end, DateTimeOffset now)
        => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((end - now).TotalSeconds)));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
