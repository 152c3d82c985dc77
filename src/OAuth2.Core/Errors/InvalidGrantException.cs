namespace OAuth2.Errors;

/// <summary><c>invalid_grant</c> (400): the code, refresh token or user credentials are invalid, expired, revoked or belong to another client.</summary>
public sealed class InvalidGrantException : OAuth2Exception
{
    public const string Code = "invalid_grant";

    public InvalidGrantException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Invalid grant", innerException)
    {
    }
}
