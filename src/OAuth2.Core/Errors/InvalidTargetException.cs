namespace OAuth2.Errors;

/// <summary>
/// <c>invalid_target</c> (400, RFC 8707 section 2): a <c>resource</c> is malformed, not one the client may ask for,
/// or more than the grant it refers to allows.
/// </summary>
public sealed class InvalidTargetException : OAuth2Exception
{
    public const string Code = "invalid_target";

    public InvalidTargetException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Invalid target", innerException)
    {
    }
}
