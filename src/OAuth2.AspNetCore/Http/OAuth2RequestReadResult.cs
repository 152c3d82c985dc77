using System.Diagnostics.CodeAnalysis;
using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Http;

/// <summary>
/// The outcome of mapping an <see cref="Microsoft.AspNetCore.Http.HttpContext"/> to an <see cref="OAuth2Request"/>:
/// either the request, or a ready-to-send error response for input the host refused (oversized or malformed body),
/// so bad bytes end as a 400/413 OAuth error and never as a 500.
/// </summary>
public sealed class OAuth2RequestReadResult
{
    private OAuth2RequestReadResult(OAuth2Request? request, OAuth2Response? errorResponse, OAuth2Exception? error)
    {
        Request = request;
        ErrorResponse = errorResponse;
        Error = error;
    }

    public OAuth2Request? Request { get; }

    /// <summary>The response to send when the request could not be read.</summary>
    public OAuth2Response? ErrorResponse { get; }

    public OAuth2Exception? Error { get; }

    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(ErrorResponse), nameof(Error))]
    public bool Succeeded => Request is not null;

    internal static OAuth2RequestReadResult Success(OAuth2Request request) => new(request, null, null);

    internal static OAuth2RequestReadResult Failure(OAuth2Exception error, int? status = null)
        => new(null, OAuth2ErrorResponses.From(error, status), error);
}
