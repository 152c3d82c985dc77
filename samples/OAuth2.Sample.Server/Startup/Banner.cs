using System.Text;
using OAuth2.Sample.Server.Configuration;

namespace OAuth2.Sample.Server.Startup;

/// <summary>What the sample prints once it listens: where, which demo clients and user, and curl to try.</summary>
public static class Banner
{
    public static string Build(string baseUrl, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new StringBuilder();
        b.AppendLine().AppendLine($"OAuth2 sample server listening on {baseUrl} (storage: {options.Storage})");
        b.AppendLine($"  token endpoint:     {baseUrl}/token   (also /revoke, /introspect, /.well-known/oauth-authorization-server)");
        b.AppendLine($"  authorize endpoint: {baseUrl}/authorize   (sign-in + consent page)");
        b.AppendLine($"  device flow:        {baseUrl}/device_authorization, verification page {baseUrl}/device");
        b.AppendLine($"  resources:          {baseUrl}/api/me, {baseUrl}/api/admin (scope admin)");
        foreach (var c in options.Clients)
        {
            var secret = !string.IsNullOrEmpty(c.ClientSecret) ? $"secret: {c.ClientSecret}"
                : c.Grants.Contains(GrantTypes.AuthorizationCode) ? "(public client, no secret: use PKCE)"
                : "(public client, no secret)";
            b.AppendLine($"  client {c.ClientId}  {secret}  grants: {string.Join(',', c.Grants)}  scopes: {string.Join(' ', c.Scopes ?? [])}");
        }

        foreach (var u in options.Users)
        {
            b.AppendLine($"  user   {u.Username} / {u.Password}");
        }

        var confidential = options.Clients.FirstOrDefault(c => !string.IsNullOrEmpty(c.ClientSecret));
        var user = options.Users.FirstOrDefault();
        if (confidential is not null)
        {
            b.AppendLine("Try:");
            b.AppendLine($"  curl -s -u {confidential.ClientId}:{confidential.ClientSecret} -d grant_type=client_credentials -d scope=read {baseUrl}/token");
            if (user is not null)
            {
                b.AppendLine($"  curl -s -u {confidential.ClientId}:{confidential.ClientSecret} -d grant_type=password -d username={user.Username} -d password={user.Password} -d scope=read {baseUrl}/token");
            }

            b.AppendLine($"  curl -s -H \"Authorization: Bearer $ACCESS_TOKEN\" {baseUrl}/api/me");
        }

        var pkce = options.Clients.FirstOrDefault(c => string.IsNullOrEmpty(c.ClientSecret) && c.Grants.Contains(GrantTypes.AuthorizationCode));
        if (pkce is not null)
        {
            b.AppendLine($"  browser: {baseUrl}/ has a ready-made PKCE authorization link for {pkce.ClientId}");
        }

        var device = options.Clients.FirstOrDefault(c => c.Grants.Contains(GrantTypes.DeviceCode));
        if (device is not null)
        {
            b.AppendLine($"  device:  curl -s -d client_id={device.ClientId} -d scope=read {baseUrl}/device_authorization   then open the verification_uri_complete it prints,");
            b.AppendLine($"           and poll: curl -s -d client_id={device.ClientId} -d grant_type={GrantTypes.DeviceCode} -d device_code=... {baseUrl}/token");
        }

        return b.ToString();
    }
}
