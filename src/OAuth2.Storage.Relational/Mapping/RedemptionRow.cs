#pragma warning disable IDE1006 // Properties carry the column names, so Dapper maps them without aliases.
namespace OAuth2.Storage.Relational;

/// <summary>What a losing redemption reads back: whose grant the item is and when it was first redeemed.</summary>
internal sealed class RedemptionRow
{
    public string grant_id { get; set; } = string.Empty;
    public long? redeemed_at { get; set; }
}
