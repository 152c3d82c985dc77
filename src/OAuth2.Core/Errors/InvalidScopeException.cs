namespace OAuth2.Errors;

/// <summary><c>invalid_scope</c> (400): the requested scope is invalid, unknown, malformed or exceeds what was granted.</summary>
public sealed class InvalidScopeException : OAuth2Exception
{
    public const string Code = "invalid_scope";

    public InvalidScopeException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Invalid scope", innerException)
    {
    }
}
