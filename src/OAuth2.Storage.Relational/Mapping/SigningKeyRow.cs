#pragma warning disable IDE1006 // Properties carry the column names, so Dapper maps them without aliases.
namespace OAuth2.Storage.Relational;

/// <summary>A signing_keys row: the sealed key as the server handed it over, times in Unix ms.</summary>
internal sealed class SigningKeyRow
{
    public long generation { get; set; }
    public string key_id { get; set; } = "";
    public string algorithm { get; set; } = "";
    public byte[] protected_key { get; set; } = [];
    public long created_at { get; set; }
    public long activates_at { get; set; }
}
