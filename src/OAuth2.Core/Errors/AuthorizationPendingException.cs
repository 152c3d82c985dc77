namespace OAuth2.Errors;

/// <summary><c>authorization_pending</c> (400): The device authorization is still pending: the user has not decided yet (RFC 8628 section 3.5). The device keeps polling.</summary>
public sealed class AuthorizationPendingException : OAuth2Exception
{
    public const string Code = "authorization_pending";

    public AuthorizationPendingException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "authorization_pending", innerException)
    {
    }
}
