using System.Text;

namespace OAuth2.Sample.Server.Pages;

/// <summary>
/// The demo clients' redirect URI: shows the code (or error) and state it received, so the authorization code flow
/// can be followed in a browser and the code pasted into a curl token request.
/// </summary>
public static class CallbackPage
{
    public static Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Request.Query;
        var b = new StringBuilder("<dl>");
        foreach (var name in (string[])["code", "state", "error", "error_description", "iss"])
        {
            if (query.TryGetValue(name, out var value))
            {
                b.Append("<dt>").Append(Html.E(name)).Append("</dt><dd id=\"").Append(Html.E(name.Replace('_', '-'))).Append("\">")
                    .Append(Html.E(value.ToString())).Append("</dd>");
            }
        }

        b.Append("</dl>");
        if (query.ContainsKey("code"))
        {
            b.Append("<p>Exchange the code at <code>/token</code> with <code>grant_type=authorization_code</code>, the same <code>redirect_uri</code> and your <code>code_verifier</code> (see README).</p>");
        }

        var title = query.ContainsKey("code") ? "Authorization code received" : "Authorization response";
        return Html.WriteAsync(context, Html.Page(title, b.ToString()));
    }
}
