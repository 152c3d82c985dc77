namespace OAuth2.Tokens;

/// <summary>The outcome of a single-use compare-and-swap.</summary>
public enum RedemptionStatus
{
    /// <summary>This caller won: the item was unused and is now marked redeemed.</summary>
    Redeemed = 0,

    /// <summary>The item had been redeemed before; this is a replay (or a concurrent loser).</summary>
    AlreadyRedeemed = 1,

    /// <summary>No such item (never issued, expired or revoked).</summary>
    NotFound = 2,
}
