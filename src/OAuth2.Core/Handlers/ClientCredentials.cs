namespace OAuth2.Handlers;

/// <summary>The client credentials one request carries, and how it carried them.</summary>
internal readonly record struct ClientCredentials(string ClientId, string? ClientSecret, bool UsedBasic);
