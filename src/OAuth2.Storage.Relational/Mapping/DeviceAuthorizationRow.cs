#pragma warning disable IDE1006 // Properties carry the column names, so Dapper maps them without aliases.
namespace OAuth2.Storage.Relational;

/// <summary>One row of the device_authorizations table as Dapper reads it; the user columns are null while pending.</summary>
internal sealed class DeviceAuthorizationRow
{
    public byte[] device_digest { get; set; } = [];
    public byte[] user_digest { get; set; } = [];
    public string client_id { get; set; } = string.Empty;
    public string scope { get; set; } = "[]";
    public long issued_at { get; set; }
    public long expires_at { get; set; }
    public long retain_until { get; set; }
    public string grant_id { get; set; } = string.Empty;
    public int polling_interval_seconds { get; set; }
    public string status { get; set; } = string.Empty;
    public string? user_id { get; set; }
    public string? user_properties { get; set; }
    public long? last_polled_at { get; set; }
    public long? redeemed_at { get; set; }
    public long revision { get; set; }
    public string? resources { get; set; }
}
