using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using OAuth2.Clients;
using OAuth2.Diagnostics;
using OAuth2.Http;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Core.Tests.Diagnostics;

/// <summary>
/// Traces: a token request is one endpoint span with the attributes an operator filters on (endpoint, grant type,
/// client id, error code), and every store call under it is a child span tagged with the operation and the backend.
/// No attribute ever carries a credential.
/// </summary>
public sealed class SpanTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly string _clientId = "span-client-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _secret = ClientSecretHasher.GenerateSecret();

    public SpanTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OAuth2Telemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_token_request_is_an_endpoint_span_with_a_child_span_per_store_call()
    {
        var (server, _) = await NewServerAsync();

        var result = await server.TokenAsync(Request(_clientId, _secret), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        var endpoint = Assert.Single(EndpointSpans());
        Assert.Equal("token", endpoint.GetTagItem(OAuth2Telemetry.TagNames.Endpoint));
        Assert.Equal(GrantTypes.ClientCredentials, endpoint.GetTagItem(OAuth2Telemetry.TagNames.GrantType));
        Assert.Null(endpoint.GetTagItem(OAuth2Telemetry.TagNames.ErrorType));

        var children = _stopped.Where(a => a.ParentSpanId == endpoint.SpanId).ToArray();
        Assert.Contains(children, a => (string?)a.GetTagItem(OAuth2Telemetry.TagNames.DbOperation) == "FindClient");
        Assert.Contains(children, a => (string?)a.GetTagItem(OAuth2Telemetry.TagNames.DbOperation) == "SaveTokens");
        Assert.All(children, a => Assert.Equal("memory", a.GetTagItem(OAuth2Telemetry.TagNames.DbSystem)));
        AssertNoCredentialIn([endpoint, .. children], _secret, result.Value!.AccessToken);
    }

    [Fact]
    public async Task A_failed_client_authentication_records_its_error_code_and_client_id_but_not_the_secret()
    {
        var (server, _) = await NewServerAsync();
        const string wrongSecret = "a-wrong-secret-that-must-not-be-traced";

        var result = await server.TokenAsync(Request(_clientId, wrongSecret), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        var endpoint = Assert.Single(EndpointSpans());
        Assert.Equal("invalid_client", endpoint.GetTagItem(OAuth2Telemetry.TagNames.ErrorType));
        AssertNoCredentialIn([endpoint, .. _stopped.Where(a => a.ParentSpanId == endpoint.SpanId)], wrongSecret, _secret);
    }

    private IEnumerable<Activity> EndpointSpans()
        => _stopped.Where(a => a.GetTagItem(OAuth2Telemetry.TagNames.Endpoint) is not null
            && (string?)a.GetTagItem(OAuth2Telemetry.TagNames.ClientId) == _clientId);

    private static void AssertNoCredentialIn(IEnumerable<Activity> spans, params string[] credentials)
    {
        foreach (var span in spans)
        {
            foreach (var (name, value) in span.TagObjects)
            {
                var text = value?.ToString() ?? string.Empty;
                Assert.True(credentials.All(c => !text.Contains(c, StringComparison.Ordinal)), $"span '{span.OperationName}' tag '{name}' carries a credential");
            }
        }
    }

    private async Task<(OAuth2Server Server, OAuth2Telemetry Telemetry)> NewServerAsync()
    {
        var store = new InMemoryStore();
        await store.SaveClientAsync(new OAuth2Client
        {
            Id = _clientId,
            SecretHash = ClientSecretHasher.HashGeneratedSecret(_secret),
            Grants = [GrantTypes.ClientCredentials],
            Scopes = ["read"],
        }, TestContext.Current.CancellationToken);
        var telemetry = new OAuth2Telemetry();
        var policy = new StoreModelPolicy { GetUserFromClient = (client, _) => ValueTask.FromResult<OAuth2User?>(new OAuth2User("svc-" + client.Id)) };
        var options = new OAuth2ServerOptions();
        options.GrantTypes.Clear();
        options.GrantTypes.Add(GrantTypes.ClientCredentials);
        var server = new OAuth2Server(new StoreBackedModel(new InstrumentedOAuth2Store(store, telemetry), policy), options, TimeProvider.System, telemetry);
        return (server, telemetry);
    }

    private static OAuth2Request Request(string clientId, string secret)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}"));
        return new OAuth2Request
        {
            Method = "POST",
            Headers = ParameterCollection.From(
                new KeyValuePair<string, string>[] { new("Content-Type", "application/x-www-form-urlencoded"), new("Authorization", "Basic " + basic) },
                ignoreCase: true),
            Form = FormUrlEncoding.Parse("grant_type=client_credentials&scope=read"),
        };
    }
}
