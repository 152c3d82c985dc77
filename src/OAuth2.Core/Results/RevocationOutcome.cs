namespace OAuth2.Handlers;

/// <summary>
/// What a revocation request did. The client always sees the same empty 200; the outcome is for the host's logs
/// (a client trying to revoke another's token is worth knowing about).
/// </summary>
public sealed class RevocationOutcome
{
    private RevocationOutcome(string name) => Name = name;

    public static RevocationOutcome RevokedAccessToken { get; } = new("revoked_access_token");

    public static RevocationOutcome RevokedRefreshTokenFamily { get; } = new("revoked_refresh_token_family");

    /// <summary>No such token (unknown, expired or already revoked).</summary>
    public static RevocationOutcome Unknown { get; } = new("unknown");

    /// <summary>The token belongs to another client; nothing was revoked.</summary>
    public static RevocationOutcome NotOwned { get; } = new("not_owned");

    public string Name { get; }

    public override string ToString() => Name;
}
