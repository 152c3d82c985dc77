using OAuth2.Http;

namespace OAuth2.AspNetCore.Http;

/// <summary>
/// How the ASP.NET Core host reads requests for the OAuth endpoints. The body is read by the host itself (not by
/// ASP.NET's lenient form reader) so that it can be bounded and decoded strictly.
/// </summary>
public sealed class OAuth2HttpOptions
{
    /// <summary>The default body limit: 64 KiB, far above any legitimate token or authorization request.</summary>
    public const long DefaultMaxFormBodySize = 64 * 1024;

    private int _maxParameters = FormUrlEncoding.DefaultMaxParameters;

    /// <summary>The largest form body accepted; a larger one is answered 413 with an <c>invalid_request</c> JSON body.</summary>
    public long MaxFormBodySize { get; set; } = DefaultMaxFormBodySize;

    /// <summary>
    /// The most parameters accepted in the query string, and separately in the form body (default
    /// <see cref="FormUrlEncoding.DefaultMaxParameters"/>, 100). One more is answered 400 <c>invalid_request</c>, and
    /// the rest of the input is not parsed. Repeats of one name count each time.
    /// </summary>
    public int MaxParameters
    {
        get => _maxParameters;
        set => _maxParameters = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one parameter must be allowed.");
    }
}
