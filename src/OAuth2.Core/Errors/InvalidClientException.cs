namespace OAuth2.Errors;

/// <summary>
/// <c>invalid_client</c> (401): client authentication failed. Always sent with a <c>WWW-Authenticate: Basic</c>
/// challenge, since RFC 9110 requires one on every 401.
/// </summary>
public sealed class InvalidClientException : OAuth2Exception
{
    public const string Code = "invalid_client";

    public InvalidClientException(string? description = null, Exception? innerException = null)
        : base(Code, 401, description ?? "Invalid client: client is invalid", innerException)
    {
    }
}
