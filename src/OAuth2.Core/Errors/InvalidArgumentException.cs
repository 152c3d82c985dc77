namespace OAuth2.Errors;

/// <summary><c>invalid_argument</c> (500): a programming or configuration error (a model missing a function, an option out of range). Not an OAuth error a client caused.</summary>
public sealed class InvalidArgumentException : OAuth2Exception
{
    public const string Code = "invalid_argument";

    public InvalidArgumentException(string? description = null, Exception? innerException = null)
        : base(Code, 500, description ?? "Invalid argument", innerException)
    {
    }
}
