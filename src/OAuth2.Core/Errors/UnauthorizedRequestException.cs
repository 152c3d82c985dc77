namespace OAuth2.Errors;

/// <summary>
/// 401 without an error code (RFC 6750 section 3.1): the request carried no bearer token at all, so the challenge
/// names no <c>error</c>.
/// </summary>
public sealed class UnauthorizedRequestException : OAuth2Exception
{
    public const string Code = "unauthorized_request";

    public UnauthorizedRequestException(string? description = null, Exception? innerException = null)
        : base(Code, 401, description ?? "Unauthorized request: no authentication given", innerException)
    {
    }
}
