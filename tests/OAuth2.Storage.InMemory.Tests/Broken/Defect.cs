namespace OAuth2.Storage.InMemory.Tests.Broken;

/// <summary>One realistic bug a third-party store might carry; <see cref="BrokenStore"/> has exactly the one it is given.</summary>
public enum Defect
{
    /// <summary>No bug: the control, which must pass every case.</summary>
    None,

    /// <summary>Reads "now" from <c>DateTimeOffset.UtcNow</c> instead of the <c>TimeProvider</c> it was given.</summary>
    IgnoresTheClock,

    /// <summary>Treats an item as live while <c>ExpiresAt &gt;= now</c> (and a device while <c>RetainUntil &gt;= now</c>): <c>&gt;</c> where <c>&gt;=</c> belongs.</summary>
    ExpiryBoundary,

    /// <summary>Takes the clock's local wall-clock time for UTC (<c>GetLocalNow().DateTime</c>, as <c>DateTime.Now</c> would).</summary>
    LocalTime,

    /// <summary>Refuses a user code while its holder is still stored, even past the holder's retention (until pruning).</summary>
    KeepsUserCodesPastRetention,

    /// <summary>Lets an update succeed on a device record past its retention that has not been pruned yet.</summary>
    UpdatesPastRetention,

    /// <summary>Enforces single use with a 30-second lease on the item instead of a lasting mark.</summary>
    RedemptionLock,

    /// <summary>Revokes a client's tokens by a case-insensitive match of the client id (a SQL collation's default).</summary>
    ClientIdIgnoresCase,
}
