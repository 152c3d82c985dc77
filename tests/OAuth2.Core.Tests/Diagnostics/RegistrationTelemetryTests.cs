using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Diagnostics;
using OAuth2.Http;
using OAuth2.Registration;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Diagnostics;

/// <summary>
/// The registration endpoints (RFC 7591 <c>/register</c>, RFC 7592 client configuration) are observed like the
/// others: every exit is a span with <c>oauth2.endpoint</c> and the outcome, successes are counted by operation,
/// errors in <c>oauth2.errors</c>; no tag carries the secret, the registration access token or the initial access
/// token. The pushed authorization store's calls are timed like the main store's.
/// </summary>
public sealed class RegistrationTelemetryTests : IDisposable
{
    private const string InitialToken = "initial-access-token-for-telemetry-0123456789";
    private static readonly Uri Endpoint = new("https://as.example.com/register");

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly MeterListener _meters = new();
    private readonly OAuth2Telemetry _telemetry = new();
    private readonly Activity _root = new("registration-telemetry-test");

    public RegistrationTelemetryTests()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OAuth2Telemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _telemetry.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        _meters.Start();
    }

    public void Dispose()
    {
        _root.Stop();
        _activities.Dispose();
        _meters.Dispose();
        _telemetry.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every span of a test descends from this root (started in the test's own flow), so spans of tests running alongside are told apart.</summary>
    private void StartRoot() => _root.Start();

    [Fact]
    public async Task Every_registration_and_management_exit_is_counted_and_traced_without_a_credential()
    {
        StartRoot();
        var server = NewServer(new InMemoryStore());

        var registered = await server.RegisterClientAsync(Json("POST", """{"redirect_uris":["https://app.example.com/cb"]}""", InitialToken), Endpoint, Ct);
        Assert.True(registered.Succeeded, registered.Error?.Description);
        var body = JsonDocument.Parse(registered.Response.GetJsonBody()).RootElement;
        var clientId = body.GetProperty("client_id").GetString()!;
        var secret = body.GetProperty("client_secret").GetString()!;
        var registrationToken = body.GetProperty("registration_access_token").GetString()!;

        var read = await server.ManageClientAsync(Json("GET", null, registrationToken), Endpoint, clientId, Ct);
        var updated = await server.ManageClientAsync(Json("PUT", $$"""{"client_id":"{{clientId}}","redirect_uris":["https://app.example.com/cb2"]}""", registrationToken), Endpoint, clientId, Ct);
        var rotatedToken = JsonDocument.Parse(updated.Response.GetJsonBody()).RootElement.GetProperty("registration_access_token").GetString()!;
        var stale = await server.ManageClientAsync(Json("GET", null, registrationToken), Endpoint, clientId, Ct);
        var deleted = await server.ManageClientAsync(Json("DELETE", null, rotatedToken), Endpoint, clientId, Ct);
        var wrongInitial = await server.RegisterClientAsync(Json("POST", """{"redirect_uris":["https://app.example.com/cb"]}""", "wrong-initial-token-4711"), Endpoint, Ct);
        var badMetadata = await server.RegisterClientAsync(Json("POST", """{"redirect_uris":["http://app.example.com/cb"]}""", InitialToken), Endpoint, Ct);
        Assert.True(read.Succeeded && updated.Succeeded && deleted.Succeeded);
        Assert.False(stale.Succeeded || wrongInitial.Succeeded || badMetadata.Succeeded);

        Assert.Equal(1, Sum("oauth2.registration.operations", ("oauth2.registration.operation", "create")));
        Assert.Equal(1, Sum("oauth2.registration.operations", ("oauth2.registration.operation", "read")));
        Assert.Equal(1, Sum("oauth2.registration.operations", ("oauth2.registration.operation", "update")));
        Assert.Equal(1, Sum("oauth2.registration.operations", ("oauth2.registration.operation", "delete")));
        Assert.Equal(4, Sum("oauth2.registration.operations"));
        Assert.Equal(1, Sum("oauth2.errors", ("oauth2.endpoint", "client_configuration"), ("error.type", "invalid_token")));
        Assert.Equal(1, Sum("oauth2.errors", ("oauth2.endpoint", "registration"), ("error.type", "invalid_token")));
        Assert.Equal(1, Sum("oauth2.errors", ("oauth2.endpoint", "registration"), ("error.type", "invalid_redirect_uri")));

        var spans = EndpointSpans();
        Assert.Equal(7, spans.Count);
        var register = Assert.Single(spans, s => Equals(s.GetTagItem("oauth2.client_id"), clientId) && Equals(s.GetTagItem("oauth2.registration.operation"), "create"));
        Assert.Equal("OAuth2 registration", register.OperationName);
        Assert.Equal("registration", register.GetTagItem("oauth2.endpoint"));
        Assert.Null(register.GetTagItem("error.type"));
        foreach (var operation in new[] { "read", "update", "delete" })
        {
            var span = Assert.Single(spans, s => Equals(s.GetTagItem("oauth2.registration.operation"), operation) && s.GetTagItem("error.type") is null);
            Assert.Equal("OAuth2 client_configuration", span.OperationName);
            Assert.Equal(clientId, span.GetTagItem("oauth2.client_id"));
        }

        var refused = Assert.Single(spans, s => Equals(s.GetTagItem("oauth2.endpoint"), "client_configuration") && s.GetTagItem("error.type") is not null);
        Assert.Equal("invalid_token", refused.GetTagItem("error.type"));
        Assert.Equal(2, spans.Count(s => Equals(s.GetTagItem("oauth2.endpoint"), "registration") && s.GetTagItem("error.type") is not null));

        // The store calls under them are child spans, as under every other endpoint.
        Assert.Contains(_stopped, a => a.ParentSpanId == register.SpanId && Equals(a.GetTagItem("db.operation.name"), "SaveClient"));

        AssertNoTagCarries(secret, registrationToken, rotatedToken, InitialToken, "wrong-initial-token-4711");
    }

    [Fact]
    public async Task A_store_outage_during_registration_is_a_503_counted_as_server_error_and_marks_the_span()
    {
        StartRoot();
        var server = NewServer(new FailingSaveStore());

        var result = await server.RegisterClientAsync(Json("POST", """{"redirect_uris":["https://app.example.com/cb"]}""", InitialToken), Endpoint, Ct);

        Assert.Equal(503, result.Response.StatusCode);
        Assert.Equal(1, Sum("oauth2.errors", ("oauth2.endpoint", "registration"), ("error.type", "server_error")));
        Assert.Equal(0, Sum("oauth2.registration.operations"));
        var span = Assert.Single(EndpointSpans());
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("server_error", span.GetTagItem("error.type"));
        Assert.Contains(_measurements, m => m.Instrument == "oauth2.store.operation.duration" && Equals(m.Tags["db.operation.name"], "SaveClient") && m.Tags.ContainsKey("error.type"));
    }

    [Fact]
    public async Task Pushed_authorization_store_calls_are_timed_and_traced_like_the_main_store()
    {
        StartRoot();
        var store = new InMemoryStore();
        var pushed = new InstrumentedOAuth2Store(store, _telemetry).Instrument(store);
        var digest = TokenDigest.Compute("urn:ietf:params:oauth:request_uri:telemetry-" + Guid.NewGuid().ToString("N"));
        var now = DateTimeOffset.UtcNow;

        await pushed.SavePushedAuthorizationAsync(digest, new Tokens.PushedAuthorization { ClientId = "par-client", Parameters = new Dictionary<string, string> { ["state"] = "s" }, IssuedAt = now, ExpiresAt = now.AddMinutes(1) }, Ct);
        Assert.NotNull(await pushed.FindPushedAuthorizationAsync(digest, Ct));
        Assert.True(await pushed.ConsumePushedAuthorizationAsync(digest, now, Ct));

        foreach (var operation in new[] { "SavePushedAuthorization", "FindPushedAuthorization", "ConsumePushedAuthorization" })
        {
            var measured = Assert.Single(_measurements, m => m.Instrument == "oauth2.store.operation.duration" && Equals(m.Tags["db.operation.name"], operation));
            Assert.Equal("memory", measured.Tags["db.system.name"]);
            Assert.False(measured.Tags.ContainsKey("error.type"));
            var span = Assert.Single(_stopped, a => a.TraceId == _root.TraceId && a.OperationName == operation);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal("memory", span.GetTagItem("db.system.name"));
        }
    }

    [Fact]
    public async Task A_failing_pushed_authorization_store_call_is_timed_with_its_error_type_and_still_throws()
    {
        StartRoot();
        var pushed = new InstrumentedOAuth2Store(new InMemoryStore(), _telemetry).Instrument(new DownPushedStore());

        await Assert.ThrowsAsync<StorageUnavailableException>(async () => await pushed.FindPushedAuthorizationAsync(TokenDigest.Compute("x"), Ct));

        var measured = Assert.Single(_measurements, m => m.Instrument == "oauth2.store.operation.duration");
        Assert.Equal("FindPushedAuthorization", measured.Tags["db.operation.name"]);
        Assert.Equal("memory", measured.Tags["db.system.name"]); // no probe of its own: the main store's backend
        Assert.Equal(typeof(StorageUnavailableException).FullName, measured.Tags["error.type"]);
    }

    private OAuth2Server NewServer(IOAuth2Store store)
    {
        var options = new OAuth2ServerOptions
        {
            Issuer = Harness.Issuer,
            ClientRegistration = new ClientRegistrationOptions { InitialAccessTokenHashes = [Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(InitialToken)))] },
        };
        options.GrantTypes.Clear();
        options.GrantTypes.Add(GrantTypes.AuthorizationCode);
        options.GrantTypes.Add(GrantTypes.RefreshToken);
        return new OAuth2Server(new StoreBackedModel(new InstrumentedOAuth2Store(store, _telemetry)), options, TimeProvider.System, _telemetry);
    }

    private static OAuth2Request Json(string method, string? body, string bearer)
    {
        var headers = new List<(string, string)> { ("Authorization", "Bearer " + bearer) };
        if (body is not null)
        {
            headers.Add(("Content-Type", "application/json"));
        }

        return new OAuth2Request { Method = method, Headers = Requests.Headers([.. headers]), Body = body is null ? default : Encoding.UTF8.GetBytes(body) };
    }

    private List<Activity> EndpointSpans()
        => [.. _stopped.Where(a => a.TraceId == _root.TraceId && a.GetTagItem("oauth2.endpoint") is not null)];

    private long Sum(string name, params (string Key, string Value)[] tags)
        => (long)_measurements.Where(m => m.Instrument == name && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(m => m.Value);

    private void AssertNoTagCarries(params string[] credentials)
    {
        var spans = _stopped.Where(a => a.TraceId == _root.TraceId).ToList();
        Assert.NotEmpty(spans);
        foreach (var span in spans)
        {
            foreach (var (name, value) in span.TagObjects)
            {
                var text = value?.ToString() ?? string.Empty;
                Assert.True(credentials.All(c => !text.Contains(c, StringComparison.Ordinal)), $"span '{span.OperationName}' tag '{name}' carries a credential");
            }
        }

        foreach (var (instrument, _, tags) in _measurements)
        {
            foreach (var (name, value) in tags)
            {
                var text = value?.ToString() ?? string.Empty;
                Assert.True(credentials.All(c => !text.Contains(c, StringComparison.Ordinal)), $"{instrument} attribute '{name}' carries a credential");
            }
        }
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }

    /// <summary>The in-memory store, except that saving a client finds the backend down.</summary>
    private sealed class FailingSaveStore() : DelegatingOAuth2Store(new InMemoryStore())
    {
        public override ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
            => ValueTask.FromException(new StorageUnavailableException("backend down"));
    }

    private sealed class DownPushedStore : IPushedAuthorizationStore
    {
        public ValueTask SavePushedAuthorizationAsync(TokenDigest digest, Tokens.PushedAuthorization request, CancellationToken cancellationToken)
            => ValueTask.FromException(new StorageUnavailableException("backend down"));

        public ValueTask<Tokens.PushedAuthorization?> FindPushedAuthorizationAsync(TokenDigest digest, CancellationToken cancellationToken)
            => ValueTask.FromException<Tokens.PushedAuthorization?>(new StorageUnavailableException("backend down"));

        public ValueTask<bool> ConsumePushedAuthorizationAsync(TokenDigest digest, DateTimeOffset consumedAt, CancellationToken cancellationToken)
            => ValueTask.FromException<bool>(new StorageUnavailableException("backend down"));
    }
}
