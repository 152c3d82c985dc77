namespace OAuth2.Errors;

/// <summary><c>unsupported_grant_type</c> (400): the server does not support the grant type.</summary>
public sealed class UnsupportedGrantTypeException : OAuth2Exception
{
    public const string Code = "unsupported_grant_type";

    public UnsupportedGrantTypeException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Unsupported grant type", innerException)
    {
    }
}
