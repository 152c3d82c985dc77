using System.Net;

namespace OAuth2.AspNetCore.Tests.Support;

/// <summary>Drives the sample's sign-in and consent page the way a browser would: GET the form, POST it back.</summary>
public static class SignInForm
{
    public static readonly string[] CarriedFields = ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "request_uri", "dpop_jkt"];

    public static string AuthorizeQuery(string clientId, string redirectUri, string scope, string state, PkcePair? pkce)
    {
        var query = $"response_type=code&client_id={Uri.EscapeDataString(clientId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}&scope={Uri.EscapeDataString(scope)}&state={Uri.EscapeDataString(state)}";
        return pkce is null ? query : query + $"&code_challenge={pkce.Challenge}&code_challenge_method=S256";
    }

    /// <summary>GETs the consent page; asserts it rendered and returns its HTML.</summary>
    public static async Task<string> OpenAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("authorize?" + query, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return html;
    }

    /// <summary>POSTs the form back with the page's hidden fields, the credentials and the button pressed.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string html, string? username, string? password, string allowed, bool includeAntiforgery = true)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (includeAntiforgery)
        {
            fields.Add(new("__RequestVerificationToken", OAuthHttp.InputValue(html, "__RequestVerificationToken") ?? throw new InvalidOperationException("no antiforgery token in page")));
        }

        foreach (var name in CarriedFields)
        {
            if (OAuthHttp.InputValue(html, name) is { } value)
            {
                fields.Add(new(name, value));
            }
        }

        if (username is not null)
        {
            fields.Add(new("username", username));
        }

        if (password is not null)
        {
            fields.Add(new("password", password));
        }

        fields.Add(new("allowed", allowed));
        return client.PostAsync("authorize", new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    /// <summary>The whole front channel: returns the code from the 303 Location after approving.</summary>
    public static async Task<(string Code, Dictionary<string, string> Query)> ApproveAsync(HttpClient client, string query)
    {
        var html = await OpenAsync(client, query);
        using var response = await SubmitAsync(client, html, SampleServerFixture.Username, SampleServerFixture.Password, "true");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location ?? throw new InvalidOperationException("no Location");
        var parameters = OAuthHttp.ParseQuery(location);
        return (parameters["code"], parameters);
    }
}
