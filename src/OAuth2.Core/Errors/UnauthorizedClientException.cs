namespace OAuth2.Errors;

/// <summary><c>unauthorized_client</c> (400): the client may not use this grant or response type.</summary>
public sealed class UnauthorizedClientException : OAuth2Exception
{
    public const string Code = "unauthorized_client";

    public UnauthorizedClientException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Unauthorized client", innerException)
    {
    }
}
