#pragma warning disable IDE1006 // Properties carry the column names, so Dapper maps them without aliases.
namespace OAuth2.Storage.Relational;

/// <summary>One row of the clients table as Dapper reads it.</summary>
internal sealed class ClientRow
{
    public string client_id { get; set; } = string.Empty;
    public string client_type { get; set; } = string.Empty;
    public string? secret_hash { get; set; }
    public string redirect_uris { get; set; } = "[]";
    public string grants { get; set; } = "[]";
    public string? scopes { get; set; }
    public long? access_token_lifetime_ticks { get; set; }
    public long? refresh_token_lifetime_ticks { get; set; }
    public bool require_pkce { get; set; }
    public string properties { get; set; } = "{}";
    public string? token_endpoint_auth_method { get; set; }
    public string? jwks { get; set; }
    public string? resources { get; set; }
    public bool dpop_bound_access_tokens { get; set; }
    public bool require_par { get; set; }
    public string? registration_token_hash { get; set; }
    public long? secret_expires_at { get; set; }
}
