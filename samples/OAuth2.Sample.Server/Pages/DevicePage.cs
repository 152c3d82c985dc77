using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using OAuth2.AspNetCore.Abuse;
using OAuth2.AspNetCore.Http;
using OAuth2.Devices;
using OAuth2.Sample.Server.Users;
using OAuth2.Storage;

namespace OAuth2.Sample.Server.Pages;

/// <summary>
/// The device verification page (RFC 8628 section 3.3): the user enters the code their device shows (or arrives with
/// it from <c>verification_uri_complete</c>), sees which application asks for what, signs in, and approves or denies.
/// The page says which client asks before anything is approved, against remote phishing (section 5.4).
/// </summary>
public static class DevicePage
{
    public const string Path = "/device";

    public static async Task GetAsync(HttpContext context, IAntiforgery antiforgery, OAuth2Server server)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        ArgumentNullException.ThrowIfNull(server);
        var typed = context.Request.Query["user_code"] is [var one] ? one : null;
        if (string.IsNullOrEmpty(typed))
        {
            await Html.WriteAsync(context, EntryForm(error: null)).ConfigureAwait(false);
            return;
        }

        PendingDeviceAuthorization? pending;
        try
        {
            pending = await server.FindDeviceAuthorizationAsync(typed, context.RequestAborted).ConfigureAwait(false);
        }
        catch (StorageUnavailableException)
        {
            await UnavailablePage.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (pending is null)
        {
            await Html.WriteAsync(context, EntryForm("That code is unknown, has expired or was already used. Check the code on your device."), StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        await Html.WriteAsync(context, ConsentPage(pending, tokens.FormFieldName, tokens.RequestToken!, error: null, username: null)).ConfigureAwait(false);
    }

    public static async Task PostAsync(HttpContext context, IAntiforgery antiforgery, UserDirectory users, OAuth2Server server)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(server);
        try
        {
            await DecideAsync(context, antiforgery, users, server).ConfigureAwait(false);
        }
        catch (StorageUnavailableException) when (!context.Response.HasStarted)
        {
            await UnavailablePage.WriteAsync(context).ConfigureAwait(false);
        }
    }

    private static async Task DecideAsync(HttpContext context, IAntiforgery antiforgery, UserDirectory users, OAuth2Server server)
    {
        var ct = context.RequestAborted;
        var read = await context.ReadOAuth2RequestAsync(ct).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            await Html.WriteAsync(context, Html.Page("Request refused", $"<p class=\"error\" id=\"error\">{Html.E(read.Error.Description)}</p>"), read.ErrorResponse.StatusCode).ConfigureAwait(false);
            return;
        }

        if (await FormParts.RefuseForgedPostAsync(context, antiforgery, "Enter the code again.").ConfigureAwait(false))
        {
            return;
        }

        var form = read.Request.Form;
        var userCode = FormParts.Single(form, "user_code") ?? string.Empty;
        var pending = await server.FindDeviceAuthorizationAsync(userCode, ct).ConfigureAwait(false);
        if (pending is null)
        {
            await Html.WriteAsync(context, EntryForm("That code is unknown, has expired or was already used. Check the code on your device."), StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        var username = FormParts.Single(form, "username");
        var check = await context.CheckSignInAsync(username, ct).ConfigureAwait(false);
        var user = check.IsThrottled ? null : users.Validate(username, FormParts.Single(form, "password"));
        if (user is null)
        {
            if (!check.IsThrottled)
            {
                await context.RecordSignInFailureAsync(check, ct).ConfigureAwait(false);
            }

            var tokens = antiforgery.GetAndStoreTokens(context);
            var error = check.IsThrottled ? SignInLockout.Message(check) : "Wrong username or password.";
            await Html.WriteAsync(context, ConsentPage(pending, tokens.FormFieldName, tokens.RequestToken!, error, username), SignInLockout.Status(context, check)).ConfigureAwait(false);
            return;
        }

        await context.RecordSignInSuccessAsync(check, ct).ConfigureAwait(false);

        var approve = string.Equals(FormParts.Single(form, "allowed"), "true", StringComparison.Ordinal);
        var result = approve
            ? await server.ApproveDeviceAuthorizationAsync(pending.UserCode, user, scope: null, ct).ConfigureAwait(false)
            : await server.DenyDeviceAuthorizationAsync(pending.UserCode, user, ct).ConfigureAwait(false);
        var (title, message, status) = result switch
        {
            DeviceDecisionResult.Approved => ("Device approved", "Your device is now signed in. You can close this page and return to it.", StatusCodes.Status200OK),
            DeviceDecisionResult.Denied => ("Device denied", "The device was not given access. You can close this page.", StatusCodes.Status200OK),
            DeviceDecisionResult.ScopeRefused => ("Request refused", "The device asked for access this account cannot grant.", StatusCodes.Status403Forbidden),
            _ => ("Code no longer valid", "That code has expired or was already used. Start again on your device.", StatusCodes.Status409Conflict),
        };
        await Html.WriteAsync(context, Html.Page(title, $"<p id=\"result\" data-result=\"{result}\">{Html.E(message)}</p>"), status).ConfigureAwait(false);
    }

    private static string EntryForm(string? error)
    {
        var b = new StringBuilder("<p>Enter the code shown on your device.</p>");
        if (error is not null)
        {
            b.Append("<p class=\"error\" id=\"error\" role=\"alert\">").Append(Html.E(error)).Append("</p>");
        }

        b.Append("<form method=\"get\" action=\"device\"><label for=\"user_code\">Code</label>")
            .Append("<input type=\"text\" id=\"user_code\" name=\"user_code\" autocomplete=\"off\" autocapitalize=\"characters\" placeholder=\"XXXX-XXXX\">")
            .Append("<button type=\"submit\" id=\"continue\">Continue</button></form>");
        return Html.Page("Connect a device", b.ToString());
    }

    private static string ConsentPage(PendingDeviceAuthorization pending, string antiforgeryField, string antiforgeryToken, string? error, string? username)
    {
        var client = pending.Client;
        var name = client.Properties.TryGetValue("name", out var n) ? n : client.Id;
        var b = new StringBuilder();
        b.Append("<p>Code <code id=\"user-code\">").Append(Html.E(pending.UserCode)).Append("</code>: <strong id=\"client-name\">")
            .Append(Html.E(name)).Append("</strong> (client id <code id=\"client-id\">").Append(Html.E(client.Id))
            .Append("</code>) asks to access your account from a device. Only approve if you started this on your own device.</p>");
        FormParts.AppendScopes(b, pending.Scope);
        if (error is not null)
        {
            b.Append("<p class=\"error\" id=\"error\" role=\"alert\">").Append(Html.E(error)).Append("</p>");
        }

        b.Append("<form method=\"post\" action=\"device\">");
        b.Append("<input type=\"hidden\" name=\"").Append(Html.E(antiforgeryField)).Append("\" value=\"").Append(Html.E(antiforgeryToken)).Append("\">");
        b.Append("<input type=\"hidden\" name=\"user_code\" value=\"").Append(Html.E(pending.UserCode)).Append("\">");
        FormParts.AppendSignInAndDecision(b, username);
        b.Append("</form>");
        return Html.Page("Connect a device", b.ToString());
    }
}
