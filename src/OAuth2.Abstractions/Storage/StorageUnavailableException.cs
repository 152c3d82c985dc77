namespace OAuth2.Storage;

/// <summary>
/// Thrown by a store that cannot reach its backend (connection refused, timeout, failover). The core turns it into
/// <c>server_error</c> with status 503, so a client can tell an outage from a bad request.
/// </summary>
public class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
        : base("The OAuth2 store is unavailable.")
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
