using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace OAuth2.Handlers;

/// <summary>
/// The members of a successful token response (RFC 6749 section 5.1), held as fields rather than in a hash table:
/// the response is built for every token request and read once, by the host's serializer.
/// </summary>
/// <remarks>Members enumerate in wire order: the fixed ones, then any extended attributes.</remarks>
internal sealed class TokenResponseBody(
    string accessToken,
    object? expiresIn,
    string? refreshToken,
    string? scope,
    KeyValuePair<string, object?>[] extra,
    string tokenType = TokenResponseBody.BearerType) : IReadOnlyDictionary<string, object?>
{
    public const string BearerType = "Bearer";

    /// <summary>The type of a token bound to the client's key (RFC 9449 section 5).</summary>
    public const string DpopType = "DPoP";

    /// <summary>The <c>token_type</c> of an exchanged token that is not an access token (RFC 8693 section 2.2.1).</summary>
    public const string NotApplicableType = "N_A";

    public int Count => (expiresIn is null ? 2 : 3) + (refreshToken is null ? 0 : 1) + (scope is null ? 0 : 1) + extra.Length;

    public IEnumerable<string> Keys => this.Select(static member => member.Key);

    public IEnumerable<object?> Values => this.Select(static member => member.Value);

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The token response has no member `{key}`.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = key switch
        {
            "access_token" => accessToken,
            "token_type" => tokenType,
            "expires_in" => expiresIn,
            "refresh_token" => refreshToken,
            "scope" => scope,
            _ => null,
        };
        if (value is not null)
        {
            return true;
        }

        foreach (var (name, member) in extra)
        {
            if (string.Equals(name, key, StringComparison.Ordinal))
            {
                value = member;
                return true;
            }
        }

        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return new("access_token", accessToken);
        yield return new("token_type", tokenType);
        if (expiresIn is not null)
        {
            yield return new("expires_in", expiresIn);
        }
        if (refreshToken is not null)
        {
            yield return new("refresh_token", refreshToken);
        }

        if (scope is not null)
        {
            yield return new("scope", scope);
        }

        foreach (var member in extra)
        {
            yield return member;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
