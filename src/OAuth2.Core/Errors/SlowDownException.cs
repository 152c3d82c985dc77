namespace OAuth2.Errors;

/// <summary><c>slow_down</c> (400): The device polled sooner than its interval allows (RFC 8628 section 3.5); it must add 5 seconds to its interval.</summary>
public sealed class SlowDownException : OAuth2Exception
{
    public const string Code = "slow_down";

    public SlowDownException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "slow_down", innerException)
    {
    }
}
