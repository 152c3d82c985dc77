namespace OAuth2.Errors;

/// <summary><c>invalid_redirect_uri</c> (400, RFC 7591 section 3.2.2): a registered redirect URI is not acceptable.</summary>
public sealed class InvalidRedirectUriException : OAuth2Exception
{
    public const string Code = "invalid_redirect_uri";

    public InvalidRedirectUriException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Invalid redirect URI", innerException)
    {
    }
}
