namespace OAuth2.Errors;

/// <summary><c>server_error</c> (503): the server could not complete the request, e.g. because the store is unavailable.</summary>
public sealed class ServerErrorException : OAuth2Exception
{
    public const string Code = "server_error";

    public ServerErrorException(string? description = null, Exception? innerException = null)
        : base(Code, 503, description ?? "Server error", innerException)
    {
    }
}
