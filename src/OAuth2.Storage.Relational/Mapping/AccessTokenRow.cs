#pragma warning disable IDE1006 // Properties carry the column names, so Dapper maps them without aliases.
namespace OAuth2.Storage.Relational;

/// <summary>One row of the access_tokens table as Dapper reads it (the digest key is not read back).</summary>
internal sealed class AccessTokenRow
{
    public byte[] digest { get; set; } = [];
    public string client_id { get; set; } = string.Empty;
    public string user_id { get; set; } = string.Empty;
    public string user_properties { get; set; } = "{}";
    public string scope { get; set; } = "[]";
    public long issued_at { get; set; }
    public long expires_at { get; set; }
    public string grant_id { get; set; } = string.Empty;
    public string extended_attributes { get; set; } = "{}";
    public string? audience { get; set; }
}
