namespace OAuth2.Errors;

/// <summary><c>expired_token</c> (400): The device code has expired (RFC 8628 section 3.5); the device may start a new device authorization.</summary>
public sealed class ExpiredTokenException : OAuth2Exception
{
    public const string Code = "expired_token";

    public ExpiredTokenException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "expired_token", innerException)
    {
    }
}
