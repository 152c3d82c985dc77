namespace OAuth2.Errors;

/// <summary><c>invalid_request</c> (400): a parameter is missing, repeated, malformed or not allowed.</summary>
public sealed class InvalidRequestException : OAuth2Exception
{
    public const string Code = "invalid_request";

    public InvalidRequestException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Invalid request", innerException)
    {
    }
}
