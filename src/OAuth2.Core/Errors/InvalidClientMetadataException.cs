namespace OAuth2.Errors;

/// <summary>
/// <c>invalid_client_metadata</c> (400, RFC 7591 section 3.2.2): a registration or update asked for metadata that is
/// malformed, inconsistent, or outside what the server's registration policy allows.
/// </summary>
public sealed class InvalidClientMetadataException : OAuth2Exception
{
    public const string Code = "invalid_client_metadata";

    public InvalidClientMetadataException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Invalid client metadata", innerException)
    {
    }
}
