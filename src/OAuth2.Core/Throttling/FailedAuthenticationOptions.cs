namespace OAuth2.Throttling;

/// <summary>
/// How many failed authentications (wrong client secret, wrong password) are tolerated before further attempts are
/// refused without being checked. Two limits per subject: a strict one per identifier <em>and</em> remote address,
/// which stops one attacker long before it costs the server anything, and a looser one per identifier over every
/// address, which caps a distributed guess at the price of letting enough addresses lock the identifier for everyone.
/// </summary>
/// <remarks>A mutable class so that it binds from configuration. A limit with <see cref="FailureLimit.MaxFailures"/> 0 is off.</remarks>
public sealed class FailedAuthenticationOptions
{
    /// <summary>Turns the throttle off entirely (not recommended: every failure then costs a full secret check).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Failed client authentications per client id from one address: 10 in 15 minutes by default.</summary>
    public FailureLimit ClientPerAddress { get; set; } = new() { MaxFailures = 10, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Failed client authentications per client id from all addresses together: 200 in 15 minutes by default.</summary>
    public FailureLimit ClientTotal { get; set; } = new() { MaxFailures = 200, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Wrong passwords per username from one address: 5 in 15 minutes by default.</summary>
    public FailureLimit UserPerAddress { get; set; } = new() { MaxFailures = 5, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Wrong passwords per username from all addresses together: 50 in 15 minutes by default.</summary>
    public FailureLimit UserTotal { get; set; } = new() { MaxFailures = 50, Window = TimeSpan.FromMinutes(15) };

    /// <summary>
    /// IPv6 addresses are grouped by this prefix (64 by default: one subscriber's network usually holds a whole /64,
    /// so counting single addresses would give it 2^64 fresh starts). 128 counts each address on its own.
    /// </summary>
    public int IPv6PrefixLength { get; set; } = 64;

    internal FailureLimit PerAddress(AuthenticationSubject subject) => subject == AuthenticationSubject.Client ? ClientPerAddress : UserPerAddress;

    internal FailureLimit Total(AuthenticationSubject subject) => subject == AuthenticationSubject.Client ? ClientTotal : UserTotal;
}

/// <summary>At most <see cref="MaxFailures"/> failures in a fixed <see cref="Window"/> that opens at the first one.</summary>
public sealed class FailureLimit
{
    /// <summary>Failures after which further attempts are refused until the window ends; 0 turns the limit off.</summary>
    public int MaxFailures { get; set; }

    /// <summary>How long the window lasts from its first failure, and so the longest a lockout lasts.</summary>
    public TimeSpan Window { get; set; }

    internal bool IsOn => MaxFailures > 0 && Window > TimeSpan.Zero;
}

/// <summary>Whose authentication failed: a client (its secret) or a resource owner (their password).</summary>
public enum AuthenticationSubject
{
    /// <summary>A client authenticating at the token, revocation, introspection or device authorization endpoint.</summary>
    Client,

    /// <summary>A resource owner signing in (the password grant, a sign-in page, a device verification page).</summary>
    User,
}
