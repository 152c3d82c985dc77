using System.Security.Cryptography;
using System.Text;
using OAuth2.Sample.Server.Configuration;

namespace OAuth2.Sample.Server.Pages;

/// <summary>A start page with a ready-made PKCE authorization link for the public demo client and its code_verifier.</summary>
public static class IndexPage
{
    public static Task GetAsync(HttpContext context, Microsoft.Extensions.Options.IOptions<SampleOptions> options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var b = new StringBuilder("<p>This is the OAuth2 sample authorization server. Endpoints: <code>POST /token</code>, <code>/authorize</code>, <code>/api/me</code>, <code>/api/admin</code>.</p>");
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        foreach (var client in options.Value.Clients.Where(c => c.RedirectUris.Count > 0 && c.Grants.Contains("authorization_code")))
        {
            var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var redirect = client.RedirectUris[0].Replace("http://127.0.0.1:5000", baseUrl, StringComparison.Ordinal);
            var scope = string.Join(' ', (client.Scopes ?? []).Take(2));
            var url = $"/authorize?response_type=code&client_id={Uri.EscapeDataString(client.ClientId)}&redirect_uri={Uri.EscapeDataString(redirect)}"
                + $"&scope={Uri.EscapeDataString(scope)}&state=demo-state&code_challenge={challenge}&code_challenge_method=S256";
            b.Append("<h2>").Append(Html.E(client.ClientId)).Append("</h2><p><a href=\"").Append(Html.E(url)).Append("\">Start the authorization code flow</a></p>");
            b.Append("<p>code_verifier for this link: <code>").Append(Html.E(verifier)).Append("</code></p>");
        }

        return Html.WriteAsync(context, Html.Page("OAuth2 sample server", b.ToString()));
    }
}
