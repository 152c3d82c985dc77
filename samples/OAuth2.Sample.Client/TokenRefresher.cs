using System.Text.Json;

namespace OAuth2.Sample.Client;

/// <summary>A new token pair from the refresh token (RFC 6749 section 6); the server rotates the refresh token each time.</summary>
public sealed record RefreshedTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Redeems the refresh token at the sample server's token endpoint, the way the OAuth handler redeemed the code
/// (client_secret_post). Returns <c>null</c> when the server refuses it (revoked, reused, expired): sign in again.
/// </summary>
public sealed class TokenRefresher(HttpClient http, ClientSettings settings, TimeProvider time)
{
    public async ValueTask<RefreshedTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(
        [
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
            new("client_id", settings.ClientId),
            new("client_secret", settings.ClientSecret),
        ]);
        using var response = await http.PostAsync(settings.Endpoint("token"), content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        var expiresIn = root.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 3600;
        return new RefreshedTokens(
            root.GetProperty("access_token").GetString()!,
            root.TryGetProperty("refresh_token", out var rotated) ? rotated.GetString()! : refreshToken,
            time.GetUtcNow().AddSeconds(expiresIn));
    }
}
