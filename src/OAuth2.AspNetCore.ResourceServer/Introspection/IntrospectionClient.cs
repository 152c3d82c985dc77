using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace OAuth2.AspNetCore.ResourceServer.Introspection;

/// <summary>
/// One scheme's line to the authorization server: finds the introspection endpoint (configured, or from RFC 8414
/// metadata, kept once found), asks it about a token as an authenticated client, and keeps the answers in a bounded
/// cache. Answers are read up to <see cref="MaxAnswerBytes"/>; a failure to reach the server is logged without the
/// token and never cached.
/// </summary>
internal sealed class IntrospectionClient : IDisposable
{
    public const int MaxAnswerBytes = 64 * 1024;
    public const string MetadataSuffix = "/.well-known/oauth-authorization-server";

    private readonly OAuth2IntrospectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private volatile Uri? _endpoint; // written once under _discovery, read without it

    public IntrospectionClient(OAuth2IntrospectionOptions options, ILogger logger)
    {
        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _logger = logger;
        _http = options.BackchannelHttpHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false });
        _http.Timeout = options.BackchannelTimeout;
        _endpoint = options.IntrospectionEndpoint;
        Cache = new IntrospectionCache(_time, options.CacheSizeLimit);
    }

    public IntrospectionCache Cache { get; }

    public async ValueTask<IntrospectionOutcome> IntrospectAsync(string token, CancellationToken cancellationToken)
    {
        var key = IntrospectionCache.Key(token);
        if (Cache.TryGet(key, out var cached))
        {
            return cached;
        }

        var endpoint = _endpoint ?? await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        if (endpoint is null)
        {
            return new IntrospectionOutcome.Unavailable("no introspection endpoint");
        }

        var outcome = await AskAsync(endpoint, token, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        switch (outcome)
        {
            case IntrospectionOutcome.Active active when _options.CacheDuration > TimeSpan.Zero:
                var until = now + _options.CacheDuration;
                Cache.Set(key, outcome, active.ExpiresAt is { } exp && exp < until ? exp : until);
                break;
            case IntrospectionOutcome.Refused when _options.NegativeCacheDuration > TimeSpan.Zero:
                Cache.Set(key, outcome, now + _options.NegativeCacheDuration);
                break;
            case IntrospectionOutcome.Unavailable unavailable:
                ResourceServerLog.IntrospectionUnavailable(_logger, endpoint.GetLeftPart(UriPartial.Path), unavailable.Reason);
                break;
        }

        return outcome;
    }

    private async ValueTask<IntrospectionOutcome> AskAsync(Uri endpoint, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent([new("token", token), new("token_type_hint", "access_token")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicCredentials(_options.ClientId!, _options.ClientSecret!));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new IntrospectionOutcome.Unavailable("HTTP " + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            using var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            return json is null
                ? new IntrospectionOutcome.Unavailable("answer larger than " + MaxAnswerBytes + " bytes")
                : IntrospectionAnswer.Read(json.RootElement, _options.Audience, _options.Authority, _time.GetUtcNow());
        }
        catch (Exception e) when (IsBackchannelFailure(e, cancellationToken))
        {
            return new IntrospectionOutcome.Unavailable(Describe(e));
        }
    }

    private async ValueTask<Uri?> DiscoverAsync(CancellationToken cancellationToken)
    {
        await _discovery.WaitAsync(cancellationToken).ConfigureAwait(false);
        var address = MetadataAddress(_options.Authority!);
        try
        {
            if (_endpoint is not null)
            {
                return _endpoint;
            }

            using var response = await _http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                ResourceServerLog.DiscoveryFailed(_logger, address.AbsoluteUri, "HTTP " + (int)response.StatusCode);
                return null;
            }

            using var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            var root = json?.RootElement;
            if (root is not { ValueKind: JsonValueKind.Object } metadata
                || !metadata.TryGetProperty("issuer", out var issuer) || issuer.ValueKind != JsonValueKind.String
                || !IntrospectionAnswer.SameIssuer(issuer.GetString()!, _options.Authority!))
            {
                ResourceServerLog.DiscoveryFailed(_logger, address.AbsoluteUri, "issuer missing or not the configured Authority (RFC 8414 section 3.3)");
                return null;
            }

            if (!metadata.TryGetProperty("introspection_endpoint", out var endpoint) || endpoint.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(endpoint.GetString(), UriKind.Absolute, out var uri) || !ProtectedResource.OAuth2ProtectedResourceOptions.IsSecureOrLoopback(uri))
            {
                ResourceServerLog.DiscoveryFailed(_logger, address.AbsoluteUri, "no usable introspection_endpoint");
                return null;
            }

            return _endpoint = uri;
        }
        catch (Exception e) when (IsBackchannelFailure(e, cancellationToken))
        {
            ResourceServerLog.DiscoveryFailed(_logger, address.AbsoluteUri, Describe(e));
            return null;
        }
        finally
        {
            _discovery.Release();
        }
    }

    /// <summary>RFC 8414 section 3.1: the well-known suffix goes between the host and the issuer's path.</summary>
    public static Uri MetadataAddress(string authority)
    {
        var issuer = new Uri(authority, UriKind.Absolute);
        var path = issuer.AbsolutePath == "/" ? string.Empty : issuer.AbsolutePath.TrimEnd('/');
        return new Uri(issuer.GetLeftPart(UriPartial.Authority) + MetadataSuffix + path);
    }

    /// <summary>RFC 6749 section 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.</summary>
    public static string BasicCredentials(string clientId, string clientSecret)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(FormEncode(clientId) + ":" + FormEncode(clientSecret)));

    private static string FormEncode(string value) => WebUtility.UrlEncode(value);

    /// <summary>The body as JSON, or <c>null</c> when it is larger than the cap (read no further than the cap).</summary>
    private static async ValueTask<JsonDocument?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            return null;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxAnswerBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return length > MaxAnswerBytes ? null : JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 16 });
        }
    }

    private static bool IsBackchannelFailure(Exception e, CancellationToken cancellationToken)
        => e is HttpRequestException or JsonException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>A reason to log: the kind of failure, never the exception message (which could echo request content).</summary>
    private static string Describe(Exception e) => e switch
    {
        HttpRequestException http => "connection failed: " + http.HttpRequestError,
        JsonException => "answer is not JSON",
        OperationCanceledException => "timed out",
        _ => e.GetType().Name,
    };

    public void Dispose()
    {
        _http.Dispose();
        _discovery.Dispose();
    }
}
