using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Http;

/// <summary>
/// Maps an ASP.NET Core request to the core's <see cref="OAuth2Request"/>. The query and the form body go through the
/// core's strict <see cref="FormUrlEncoding"/> (a bad escape or invalid UTF-8 is <c>invalid_request</c>), each under
/// the parameter cap, and the body is read by hand under a size limit instead of by ASP.NET's lenient form reader.
/// </summary>
internal static class OAuth2RequestReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async ValueTask<OAuth2RequestReadResult> ReadAsync(HttpContext context, bool includeBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Request;
        var headers = MapHeaders(http.Headers);
        var request = new OAuth2Request { Method = http.Method.ToUpperInvariant(), Headers = headers, Path = http.Path.Value, Url = RequestUrl(http) };
        try
        {
            var options = context.RequestServices?.GetService<IOptions<OAuth2HttpOptions>>()?.Value;
            var maxParameters = options?.MaxParameters ?? FormUrlEncoding.DefaultMaxParameters;
            var query = http.QueryString.HasValue ? FormUrlEncoding.Parse(http.QueryString.Value![1..], maxParameters) : ParameterCollection.Empty;
            request = request with { Query = query };
            if (!includeBody || !request.HasFormContentType)
            {
                return OAuth2RequestReadResult.Success(request);
            }

            var limit = options?.MaxFormBodySize ?? OAuth2HttpOptions.DefaultMaxFormBodySize;
            if (http.ContentLength > limit)
            {
                return TooLarge(limit);
            }

            var bytes = await ReadBoundedAsync(http, limit, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return TooLarge(limit);
            }

            // Leave the body readable for whatever runs next (e.g. antiforgery validation reading the form).
            http.Body = new MemoryStream(bytes, writable: false);
            string text;
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException e)
            {
                throw new InvalidRequestException("Invalid request: body is not valid UTF-8", e);
            }

            return OAuth2RequestReadResult.Success(request with { Form = FormUrlEncoding.Parse(text, maxParameters) });
        }
        catch (OAuth2Exception e)
        {
            return OAuth2RequestReadResult.Failure(e);
        }
        catch (BadHttpRequestException e)
        {
            var status = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? 413 : 400;
            return OAuth2RequestReadResult.Failure(new InvalidRequestException("Invalid request: the request body could not be read", e), status);
        }
    }

    /// <summary>
    /// The URL the client addressed, without query: what a DPoP proof's <c>htu</c> names (RFC 9449 section 4.3). Behind
    /// a proxy it is right only once forwarded headers have restored the public scheme and host.
    /// </summary>
    internal static string RequestUrl(HttpRequest http)
        => Microsoft.AspNetCore.Http.Extensions.UriHelper.BuildAbsolute(http.Scheme, http.Host, http.PathBase, http.Path);

    private static OAuth2RequestReadResult TooLarge(long limit)
        => OAuth2RequestReadResult.Failure(new InvalidRequestException($"Invalid request: the body is larger than {limit} bytes"), StatusCodes.Status413PayloadTooLarge);

    private static ParameterCollection MapHeaders(IHeaderDictionary headers)
    {
        var pairs = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                if (value is not null)
                {
                    pairs.Add(new(name, value));
                }
            }
        }

        return ParameterCollection.From(pairs, ignoreCase: true);
    }

    /// <summary>Reads the whole body, or returns <c>null</c> as soon as it exceeds <paramref name="limit"/> bytes.</summary>
    private static async ValueTask<byte[]?> ReadBoundedAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }
    }

    /// <summary>
    /// Maps a request whose body is JSON (dynamic client registration): headers and query as <see cref="ReadAsync"/>
    /// does, and the raw body, read under <paramref name="limit"/> bytes, as <see cref="OAuth2Request.Body"/>.
    /// </summary>
    public static async ValueTask<OAuth2RequestReadResult> ReadWithRawBodyAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(context, includeBody: false, cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return read;
        }

        var http = context.Request;
        try
        {
            if (http.ContentLength > limit)
            {
                return TooLarge(limit);
            }

            var bytes = await ReadBoundedAsync(http, limit, cancellationToken).ConfigureAwait(false);
            return bytes is null ? TooLarge(limit) : OAuth2RequestReadResult.Success(read.Request with { Body = bytes });
        }
        catch (BadHttpRequestException e)
        {
            var status = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? 413 : 400;
            return OAuth2RequestReadResult.Failure(new InvalidRequestException("Invalid request: the request body could not be read", e), status);
        }
    }
}
