using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OAuth2.AspNetCore.Tests.Support;

/// <summary>Small HTTP helpers for the OAuth requests the tests make.</summary>
public static partial class OAuthHttp
{
    public static AuthenticationHeaderValue Basic(string clientId, string secret)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    public static async Task<(HttpResponseMessage Response, JsonElement Json)> PostTokenAsync(
        HttpClient client, IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue? auth = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = auth;
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, await ReadJsonAsync(response));
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> GetWithTokenAsync(HttpClient client, string path, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Dictionary<string, string> ParseQuery(Uri uri)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            result[Uri.UnescapeDataString(part[..eq])] = Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
        }

        return result;
    }

    /// <summary>The value of a hidden or text input in a server-rendered page.</summary>
    public static string? InputValue(string html, string name)
    {
        var match = InputRegex().Matches(html).FirstOrDefault(m => System.Net.WebUtility.HtmlDecode(m.Groups["name"].Value) == name);
        return match is null ? null : System.Net.WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    [GeneratedRegex("<input[^>]*name=\"(?<name>[^\"]*)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex InputRegex();
}
