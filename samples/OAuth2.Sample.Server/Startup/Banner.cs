using System.Text;
using OAuth2.Sample.Server.Configuration;

namespace OAuth2.Sample.Server.Startup;

/// <summary>
/// What the sample prints once it listens: where, which demo clients and user, and curl to try. Consoles end up in
/// logs, so a secret or password is printed only while it is still the built-in demo value shipped in
/// appsettings.json (marked as such); one set through configuration (an environment variable, a command-line
/// override, an edited file) is never printed.
/// </summary>
public static class Banner
{
    /// <summary>The demo credentials shipped with the sample: public knowledge, so safe to print.</summary>
    private static readonly Dictionary<string, string> DemoClientSecrets = new(StringComparer.Ordinal)
    {
        ["demo-client"] = "demo-secret",
        ["demo-resource"] = "demo-resource-secret",
        ["demo-web"] = "demo-web-secret",
    };

    private static readonly Dictionary<string, string> DemoPasswords = new(StringComparer.Ordinal) { ["alice"] = "alice-password" };

    private const string NotShown = "(set in configuration, not shown)";

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
            var secret = !string.IsNullOrEmpty(c.ClientSecret) ? $"secret: {ShownSecret(c) ?? NotShown}"
                : c.Grants.Contains(GrantTypes.AuthorizationCode) ? "(public client, no secret: use PKCE)"
                : "(public client, no secret)";
            var role = c.MayIntrospect ? "  may introspect any token" : string.Empty;
            b.AppendLine($"  client {c.ClientId}  {secret}  grants: {string.Join(',', c.Grants)}  scopes: {string.Join(' ', c.Scopes ?? [])}{role}");
        }

        foreach (var u in options.Users)
        {
            b.AppendLine($"  user   {u.Username} / {ShownPassword(u) ?? NotShown}");
        }

        var confidential = options.Clients.FirstOrDefault(c => !string.IsNullOrEmpty(c.ClientSecret) && c.Grants.Contains(GrantTypes.ClientCredentials));
        var user = options.Users.FirstOrDefault();
        if (confidential is not null)
        {
            var secret = DemoSecret(confidential) ?? "$CLIENT_SECRET";
            b.AppendLine("Try:");
            b.AppendLine($"  curl -s -u {confidential.ClientId}:{secret} -d grant_type=client_credentials -d scope=read {baseUrl}/token");
            if (user is not null && confidential.Grants.Contains(GrantTypes.Password))
            {
                var password = DemoPassword(user) ?? "$PASSWORD";
                b.AppendLine($"  curl -s -u {confidential.ClientId}:{secret} -d grant_type=password -d username={user.Username} -d password={password} -d scope=read {baseUrl}/token");
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

        b.AppendLine("  (demo values are the ones shipped in appsettings.json; secrets and passwords set in configuration are not printed)");
        return b.ToString();
    }

    private static string? DemoSecret(SampleClientOptions client)
        => DemoClientSecrets.TryGetValue(client.ClientId, out var demo) && string.Equals(demo, client.ClientSecret, StringComparison.Ordinal) ? demo : null;

    private static string? DemoPassword(SampleUserOptions user)
        => DemoPasswords.TryGetValue(user.Username, out var demo) && string.Equals(demo, user.Password, StringComparison.Ordinal) ? demo : null;

    private static string? ShownSecret(SampleClientOptions client) => DemoSecret(client) is { } demo ? demo + " (demo value)" : null;

    private static string? ShownPassword(SampleUserOptions user) => DemoPassword(user) is { } demo ? demo + " (demo value)" : null;
}
