#pragma warning disable IDE1006 // Properties carry the column names, so Dapper maps them without aliases.
namespace OAuth2.Storage.Relational;

/// <summary>One row of the authorization_codes table as Dapper reads it.</summary>
internal sealed class AuthorizationCodeRow
{
    public byte[] digest { get; set; } = [];
    public string client_id { get; set; } = string.Empty;
    public string user_id { get; set; } = string.Empty;
    public string user_properties { get; set; } = "{}";
    public string scope { get; set; } = "[]";
    public long issued_at { get; set; }
    public long expires_at { get; set; }
    public string? redirect_uri { get; set; }
    public bool redirect_uri_supplied { get; set; }
    public string? code_challenge { get; set; }
    public string? code_challenge_method { get; set; }
    public string grant_id { get; set; } = string.Empty;
    public long? redeemed_at { get; set; }
    public string? resources { get; set; }
    public string? dpop_jkt { get; set; }
}
