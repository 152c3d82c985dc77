namespace OAuth2.Errors;

/// <summary><c>insufficient_scope</c> (403, RFC 6750): the token lacks a scope the resource requires.</summary>
public sealed class InsufficientScopeException : OAuth2Exception
{
    public const string Code = "insufficient_scope";

    public InsufficientScopeException(string? description = null, Exception? innerException = null)
        : base(Code, 403, description ?? "Insufficient scope", innerException)
    {
    }
}
