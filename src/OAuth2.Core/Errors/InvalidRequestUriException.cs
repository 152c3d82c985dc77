namespace OAuth2.Errors;

/// <summary>
/// <c>invalid_request_uri</c> (400, RFC 9101 section 7, used by RFC 9126 section 4): the <c>request_uri</c> is
/// unknown, expired, already used or another client's.
/// </summary>
public sealed class InvalidRequestUriException : OAuth2Exception
{
    public const string Code = "invalid_request_uri";

    public InvalidRequestUriException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Invalid request_uri", innerException)
    {
    }
}
