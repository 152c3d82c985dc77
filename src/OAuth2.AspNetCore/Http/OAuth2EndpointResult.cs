using System.Diagnostics.CodeAnalysis;
using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Http;

/// <summary>
/// What an <see cref="Microsoft.AspNetCore.Http.HttpContext"/> helper returns: the mapped request (when it could be
/// read), the response to send (always set) and the value or the error. Send <see cref="Response"/> on failure.
/// </summary>
public sealed class OAuth2EndpointResult<T>
    where T : class
{
    private OAuth2EndpointResult(OAuth2Request? request, OAuth2Response response, T? value, OAuth2Exception? error)
    {
        Request = request;
        Response = response;
        Value = value;
        Error = error;
    }

    /// <summary>The request as the core saw it; <c>null</c> when the HTTP request could not be read.</summary>
    public OAuth2Request? Request { get; }

    public OAuth2Response Response { get; }

    public T? Value { get; }

    public OAuth2Exception? Error { get; }

    [MemberNotNullWhen(true, nameof(Value), nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    internal static OAuth2EndpointResult<T> From(OAuth2Request request, OAuth2Result<T> result)
        => new(request, result.Response, result.Value, result.Error);

    internal static OAuth2EndpointResult<T> From(OAuth2RequestReadResult failedRead)
        => new(null, failedRead.ErrorResponse!, null, failedRead.Error);
}
