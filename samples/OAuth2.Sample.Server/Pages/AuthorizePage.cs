using Microsoft.AspNetCore.Antiforgery;
using OAuth2.AspNetCore.Http;
using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Sample.Server.Users;

namespace OAuth2.Sample.Server.Pages;

/// <summary>
/// The authorize endpoint's UI. GET validates the request with the core and shows the consent form; POST checks the
/// antiforgery token and the credentials, then lets the core issue the code (or <c>access_denied</c> on Deny) and
/// redirect with 303.
/// </summary>
public static class AuthorizePage
{
    private static readonly HashSet<string> FormOnlyFields = new(StringComparer.Ordinal) { "username", "password" };

    public static async Task GetAsync(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        var validation = await context.ValidateAuthorizeRequestAsync(context.RequestAborted).ConfigureAwait(false);
        if (!validation.Succeeded)
        {
            await SendErrorAsync(context, validation.Response, validation.Error.Error, validation.Error.Description).ConfigureAwait(false);
            return;
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = ConsentForm.Render(validation.Value, validation.Request.Query, tokens.FormFieldName, tokens.RequestToken!, error: null, username: null);
        await Html.WriteAsync(context, html).ConfigureAwait(false);
    }

    public static async Task PostAsync(HttpContext context, IAntiforgery antiforgery, UserDirectory users, OAuth2Server server)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(server);
        var ct = context.RequestAborted;
        var read = await context.ReadOAuth2RequestAsync(ct).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            await SendErrorAsync(context, read.ErrorResponse, read.Error.Error, read.Error.Description).ConfigureAwait(false);
            return;
        }

        if (await FormParts.RefuseForgedPostAsync(context, antiforgery, "Go back to the application and start again.").ConfigureAwait(false))
        {
            return;
        }

        var form = read.Request.Form;
        var username = FormParts.Single(form, "username");
        var password = FormParts.Single(form, "password");

        // Only the authorization parameters (and `allowed`) go to the core; the credentials and the form token stay here.
        var oauthRequest = read.Request with
        {
            Form = ParameterCollection.From(form.Where(p => !FormOnlyFields.Contains(p.Key) && !p.Key.StartsWith("__", StringComparison.Ordinal))),
        };
        var validation = await server.ValidateAuthorizeRequestAsync(oauthRequest, ct).ConfigureAwait(false);
        if (!validation.Succeeded)
        {
            await SendErrorAsync(context, validation.Response, validation.Error.Error, validation.Error.Description).ConfigureAwait(false);
            return;
        }

        var denied = string.Equals(FormParts.Single(form, "allowed"), "false", StringComparison.Ordinal);
        OAuth2User? user = null;
        if (!denied)
        {
            user = users.Validate(username, password);
            if (user is null)
            {
                var tokens = antiforgery.GetAndStoreTokens(context);
                var html = ConsentForm.Render(validation.Value, oauthRequest.Form, tokens.FormFieldName, tokens.RequestToken!, "Wrong username or password.", username);
                await Html.WriteAsync(context, html).ConfigureAwait(false);
                return;
            }
        }

        var result = await server.AuthorizeAsync(oauthRequest, user, ct).ConfigureAwait(false);
        Html.ApplySecurityHeaders(context.Response);
        await result.Response.WriteToAsync(context, ct).ConfigureAwait(false);
    }

    /// <summary>A redirect goes back to the client; anything else is shown: JSON for API callers, a page for browsers.</summary>
    private static async Task SendErrorAsync(HttpContext context, OAuth2Response response, string error, string description)
    {
        var wantsHtml = context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
        if (response.RedirectLocation is not null || !wantsHtml)
        {
            Html.ApplySecurityHeaders(context.Response);
            await response.WriteToAsync(context, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (string.Equals(error, ServerErrorException.Code, StringComparison.Ordinal))
        {
            // The store is down (or the server failed): not the application's fault, and worth retrying.
            await UnavailablePage.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var body = $"<p class=\"error\" id=\"error\">{Html.E(error)}</p><p id=\"error-description\">{Html.E(description)}</p>"
            + "<p>The application sent an invalid authorization request, so you are not sent back to it.</p>";
        await Html.WriteAsync(context, Html.Page("Authorization request refused", body), response.StatusCode).ConfigureAwait(false);
    }
}
