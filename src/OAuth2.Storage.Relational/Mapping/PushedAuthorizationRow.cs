#pragma warning disable IDE1006 // Properties carry the column names, so Dapper maps them without aliases.
namespace OAuth2.Storage.Relational;

/// <summary>One row of the pushed_authorizations table as Dapper reads it.</summary>
internal sealed class PushedAuthorizationRow
{
    public byte[] digest { get; set; } = [];
    public string client_id { get; set; } = string.Empty;
    public string parameters { get; set; } = "{}";
    public long issued_at { get; set; }
    public long expires_at { get; set; }
    public long? consumed_at { get; set; }
}
