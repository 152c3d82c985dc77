using OAuth2.Errors;
using OAuth2.Storage;

namespace OAuth2.Handlers;

/// <summary>
/// Turns whatever a handler threw into an OAuth error, so a host never sees a raw exception for bad input: a store
/// outage becomes <c>server_error</c> 503, any other fault <c>server_error</c> without leaking its message.
/// Cancellation is not an error and propagates.
/// </summary>
internal static class ErrorTranslator
{
    public static OAuth2Exception Translate(Exception exception) => exception switch
    {
        OAuth2Exception oauth => oauth,
        StorageUnavailableException storage => new ServerErrorException("Server error: the token store is unavailable, try again later", storage),
        _ => new ServerErrorException("Server error: the request could not be processed", exception),
    };

    /// <summary>The error code and status a response carries: programming errors surface as a plain 500 <c>server_error</c>.</summary>
    public static (string Error, int Status) Wire(OAuth2Exception error)
        => error is InvalidArgumentException ? (ServerErrorException.Code, 500) : (error.Error, error.StatusCode);
}
