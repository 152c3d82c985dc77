namespace OAuth2.Errors;

/// <summary><c>access_denied</c>: the resource owner or the server denied the request.</summary>
public sealed class AccessDeniedException : OAuth2Exception
{
    public const string Code = "access_denied";

    public AccessDeniedException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Access denied", innerException)
    {
    }
}
