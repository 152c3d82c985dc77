namespace OAuth2.Errors;

/// <summary><c>invalid_token</c> (401, RFC 6750): the access token is unknown, expired, revoked or malformed.</summary>
public sealed class InvalidTokenException : OAuth2Exception
{
    public const string Code = "invalid_token";

    public InvalidTokenException(string? description = null, Exception? innerException = null)
        : base(Code, 401, description ?? "Invalid token", innerException)
    {
    }
}
