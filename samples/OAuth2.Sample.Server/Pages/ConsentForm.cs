using System.Text;
using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2.Sample.Server.Pages;

/// <summary>The sign-in and consent form: who asks, for what, credentials, Approve/Deny. Every echoed value is encoded.</summary>
public static class ConsentForm
{
    /// <summary>The authorization parameters carried from the GET to the POST as hidden fields.</summary>
    public static readonly IReadOnlyList<string> CarriedParameters =
        ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "request_uri", "dpop_jkt"];

    public static string Render(AuthorizationRequest request, ParameterCollection parameters, string antiforgeryField, string antiforgeryToken, string? error, string? username)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        var client = request.Client;
        var name = client.Properties.TryGetValue("name", out var n) ? n : client.Id;
        var b = new StringBuilder();
        b.Append("<p><strong id=\"client-name\">").Append(Html.E(name)).Append("</strong> (client id <code id=\"client-id\">")
            .Append(Html.E(client.Id)).Append("</code>) asks to access your account.</p>");
        FormParts.AppendScopes(b, request.Scope);
        if (request.Resources.Count > 0)
        {
            b.Append("<p>For use at: <code id=\"resources\">").Append(Html.E(string.Join(", ", request.Resources))).Append("</code></p>");
        }

        b.Append("<p>You will be sent back to <code>").Append(Html.E(request.RedirectUri)).Append("</code>.</p>");
        if (error is not null)
        {
            b.Append("<p class=\"error\" id=\"error\" role=\"alert\">").Append(Html.E(error)).Append("</p>");
        }

        b.Append("<form method=\"post\" action=\"authorize\">");
        b.Append("<input type=\"hidden\" name=\"").Append(Html.E(antiforgeryField)).Append("\" value=\"").Append(Html.E(antiforgeryToken)).Append("\">");
        foreach (var parameter in CarriedParameters)
        {
            if (parameters.GetAll(parameter) is [var value])
            {
                b.Append("<input type=\"hidden\" name=\"").Append(Html.E(parameter)).Append("\" value=\"").Append(Html.E(value)).Append("\">");
            }
        }

        // RFC 8707 `resource` may repeat: every value is carried.
        foreach (var resource in parameters.GetAll("resource"))
        {
            b.Append("<input type=\"hidden\" name=\"resource\" value=\"").Append(Html.E(resource)).Append("\">");
        }

        FormParts.AppendSignInAndDecision(b, username);
        b.Append("</form>");
        return Html.Page("Sign in and authorize", b.ToString());
    }
}
