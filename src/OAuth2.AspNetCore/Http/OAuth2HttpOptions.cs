namespace OAuth2.AspNetCore.Http;

/// <summary>
/// How the ASP.NET Core host reads requests for the OAuth endpoints. The body is read by the host itself (not by
/// ASP.NET's lenient form reader) so that it can be bounded and decoded strictly.
/// </summary>
public sealed class OAuth2HttpOptions
{
    /// <summary>The default body limit: 64 KiB, far above any legitimate token or authorization request.</summary>
    public const long DefaultMaxFormBodySize = 64 * 1024;

    /// <summary>The largest form body accepted; a larger one is answered 413 with an <c>invalid_request</c> JSON body.</summary>
    public long MaxFormBodySize { get; set; } = DefaultMaxFormBodySize;
}
