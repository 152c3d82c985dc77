using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2;

/// <summary>
/// What an endpoint returns: the response to send (always set, success or error) and either the value it produced
/// or the OAuth error. Hosts send <see cref="Response"/> either way and log <see cref="Error"/> if they wish.
/// </summary>
public sealed class OAuth2Result<T>
    where T : class
{
    private OAuth2Result(OAuth2Response response, T? value, OAuth2Exception? error)
    {
        Response = response;
        Value = value;
        Error = error;
    }

    public OAuth2Response Response { get; }

    public T? Value { get; }

    public OAuth2Exception? Error { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    internal static OAuth2Result<T> Success(OAuth2Response response, T value) => new(response, value, null);

    internal static OAuth2Result<T> Failure(OAuth2Response response, OAuth2Exception error) => new(response, null, error);
}
