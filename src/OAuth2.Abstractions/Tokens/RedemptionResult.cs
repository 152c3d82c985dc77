namespace OAuth2.Tokens;

/// <summary>
/// What a store answers when asked to redeem a code or rotate a refresh token: whether <em>this</em> caller won, and
/// for a replay the grant it belongs to and when it was first redeemed, so the core can revoke the family.
/// </summary>
public readonly record struct RedemptionResult(RedemptionStatus Status, string? GrantId = null, DateTimeOffset? RedeemedAt = null)
{
    public static RedemptionResult NotFound => new(RedemptionStatus.NotFound);

    public bool Won => Status == RedemptionStatus.Redeemed;
}
