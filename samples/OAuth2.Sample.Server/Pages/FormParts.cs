using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using OAuth2.Http;

namespace OAuth2.Sample.Server.Pages;

/// <summary>What the consent page and the device page share: the scope list, the sign-in fields, the forged-post check.</summary>
public static class FormParts
{
    public static void AppendScopes(StringBuilder b, IReadOnlyList<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(scopes);
        b.Append("<p>Requested scopes:</p><ul id=\"scopes\">");
        if (scopes.Count == 0)
        {
            b.Append("<li><em>none requested</em></li>");
        }

        foreach (var scope in scopes)
        {
            b.Append("<li>").Append(Html.E(scope)).Append("</li>");
        }

        b.Append("</ul>");
    }

    /// <summary>Username and password fields and the Approve / Deny buttons, which post <c>allowed=true|false</c>.</summary>
    public static void AppendSignInAndDecision(StringBuilder b, string? username)
    {
        ArgumentNullException.ThrowIfNull(b);
        b.Append("<label for=\"username\">Username</label><input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" value=\"")
            .Append(Html.E(username)).Append("\">");
        b.Append("<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\">");
        b.Append("<button type=\"submit\" id=\"approve\" name=\"allowed\" value=\"true\">Approve</button>");
        b.Append("<button type=\"submit\" id=\"deny\" name=\"allowed\" value=\"false\">Deny</button>");
    }

    /// <summary>
    /// Checks the antiforgery token; on failure sends a 400 page saying what to do next and returns <c>true</c>.
    /// </summary>
    /// <remarks>
    /// Antiforgery reads the form again with ASP.NET's form reader, whose own limits (1,024 fields, 2,048-character
    /// names) can be tighter than the strict reader's: a form past them is a bad request (a 400 page,
    /// <c>invalid_request</c>), not a server error, whatever parameter cap the host configured.
    /// </remarks>
    public static async Task<bool> RefuseForgedPostAsync(HttpContext context, IAntiforgery antiforgery, string whatNext)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        bool valid;
        try
        {
            valid = await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException)
        {
            // The default token store wraps the form reader's InvalidDataException in AntiforgeryValidationException.
            var unreadable = Html.Page("Request refused", "<p class=\"error\" id=\"error\">invalid_request</p>"
                + $"<p id=\"error-description\">The form could not be read: too many or too long fields. {Html.E(whatNext)}</p>");
            await Html.WriteAsync(context, unreadable, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return true;
        }

        if (valid)
        {
            return false;
        }

        var page = Html.Page("Request refused", $"<p class=\"error\" id=\"error\">The form was not submitted from this site or has expired. {Html.E(whatNext)}</p>");
        await Html.WriteAsync(context, page, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        return true;
    }

    /// <summary>A form field's value when it was sent exactly once.</summary>
    public static string? Single(ParameterCollection form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.GetAll(name) is [var value] ? value : null;
    }
}
