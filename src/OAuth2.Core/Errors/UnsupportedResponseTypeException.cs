namespace OAuth2.Errors;

/// <summary><c>unsupported_response_type</c> (400): the server does not support this response type.</summary>
public sealed class UnsupportedResponseTypeException : OAuth2Exception
{
    public const string Code = "unsupported_response_type";

    public UnsupportedResponseTypeException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Unsupported response type", innerException)
    {
    }
}
