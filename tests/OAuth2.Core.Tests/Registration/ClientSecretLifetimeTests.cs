using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Registration;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Core.Tests.Registration;

/// <summary>
/// <see cref="ClientRegistrationOptions.ClientSecretLifetime"/>: RFC 7591 section 3.2.1 <c>client_secret_expires_at</c>
/// stated and stored, an expired secret refused at the token endpoint like a wrong one, and an RFC 7592 update that
/// renews a secret that has expired or is about to. One clock for the store, the server and the test.
/// </summary>
public sealed class ClientSecretLifetimeTests
{
    private const string InitialToken = RegistrationTestKit.InitialToken;
    private const string Body = """{"grant_types":["client_credentials"]}""";
    private static readonly Uri Endpoint = RegistrationTestKit.Endpoint;
    private static readonly string InitialTokenHash = RegistrationTestKit.InitialTokenHash;
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly FakeTimeProvider _time = new(Harness.Start);
    private readonly InMemoryStore _store;

    public ClientSecretLifetimeTests() => _store = new InMemoryStore(_time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly LogCapture _log = new();

    private OAuth2Server Server(TimeSpan? lifetime)
    {
        var registration = new ClientRegistrationOptions { InitialAccessTokenHashes = [InitialTokenHash], AllowedScopes = ["read", "write"], ClientSecretLifetime = lifetime };
        registration.AllowedGrantTypes.Add(GrantTypes.ClientCredentials);
        var options = new OAuth2ServerOptions
        {
            GrantTypes = new HashSet<string>(StringComparer.Ordinal) { GrantTypes.ClientCredentials },
            ClientRegistration = registration,
            Issuer = Harness.Issuer,
        };
        return new OAuth2Server(new StoreBackedModel(_store), options, _time, new OAuth2.Diagnostics.OAuth2Telemetry(_log, timeProvider: _time));
    }

    private static OAuth2Request Json(string method, string body, string bearer) => new()
    {
        Method = method,
        Headers = Requests.Headers(("Content-Type", "application/json"), ("Authorization", "Bearer " + bearer)),
        Body = Encoding.UTF8.GetBytes(body),
    };

    private static JsonElement Parse(OAuth2Result<OAuth2Client> result) => JsonDocument.Parse(result.Response.GetJsonBody()).RootElement.Clone();

    private static async Task<(string Id, string Secret, string RegistrationToken, JsonElement Json)> RegisterAsync(OAuth2Server server)
    {
        var result = await server.RegisterClientAsync(Json("POST", Body, InitialToken), Endpoint, Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
        var json = Parse(result);
        return (json.GetProperty("client_id").GetString()!, json.GetProperty("client_secret").GetString()!, json.GetProperty("registration_access_token").GetString()!, json);
    }

    private static async Task<(OAuth2Result<OAuth2Client> Result, JsonElement Json)> UpdateAsync(OAuth2Server server, string id, string registrationToken)
    {
        var result = await server.ManageClientAsync(Json("PUT", $$"""{"client_id":"{{id}}","grant_types":["client_credentials"]}""", registrationToken), Endpoint, id, Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
        return (result, Parse(result));
    }

    private static ValueTask<OAuth2Result<Tokens.Token>> TokenAsync(OAuth2Server server, string id, string secret)
        => server.TokenAsync(Requests.Token("grant_type=client_credentials", Requests.Basic(id, secret)), Ct);

    [Fact]
    public async Task By_default_a_secret_never_expires_and_the_response_says_0()
    {
        var server = Server(lifetime: null);
        var (id, secret, _, json) = await RegisterAsync(server);

        Assert.Equal(0, json.GetProperty("client_secret_expires_at").GetInt64());
        Assert.Null((await _store.FindClientAsync(id, Ct))!.ClientSecretExpiresAt);
        _time.Advance(TimeSpan.FromDays(3650));
        Assert.True((await TokenAsync(server, id, secret)).Succeeded);
    }

    [Fact]
    public async Task Rfc7591_3_2_1_a_lifetime_sets_client_secret_expires_at_stored_as_a_typed_field()
    {
        var (id, _, _, json) = await RegisterAsync(Server(Lifetime));

        var expected = Harness.Start + Lifetime;
        Assert.Equal(expected.ToUnixTimeSeconds(), json.GetProperty("client_secret_expires_at").GetInt64());
        var stored = (await _store.FindClientAsync(id, Ct))!;
        Assert.Equal(expected, stored.ClientSecretExpiresAt);
        Assert.False(stored.Properties.ContainsKey("client_secret_expires_at"));
    }

    [Fact]
    public async Task Rfc7592_2_1_a_read_states_the_stored_expiry()
    {
        var server = Server(Lifetime);
        var (id, _, registrationToken, _) = await RegisterAsync(server);

        var read = await server.ManageClientAsync(new OAuth2Request { Method = "GET", Headers = Requests.Headers(("Authorization", "Bearer " + registrationToken)) }, Endpoint, id, Ct);

        Assert.True(read.Succeeded, read.Error?.Description);
        Assert.Equal((Harness.Start + Lifetime).ToUnixTimeSeconds(), Parse(read).GetProperty("client_secret_expires_at").GetInt64());
    }

    [Fact]
    public async Task An_expired_secret_is_invalid_client_with_the_same_answer_as_a_wrong_secret()
    {
        var server = Server(Lifetime);
        var (id, secret, _, _) = await RegisterAsync(server);

        _time.Advance(Lifetime - TimeSpan.FromTicks(1));
        Assert.True((await TokenAsync(server, id, secret)).Succeeded);

        _time.Advance(TimeSpan.FromTicks(1)); // exactly at client_secret_expires_at: no longer valid
        var expired = await TokenAsync(server, id, secret);
        var wrong = await TokenAsync(server, id, secret + "x");

        Assert.IsType<InvalidClientException>(expired.Error);
        Assert.Equal(ErrorIds.ClientSecretExpired, expired.Error.ErrorId);
        Assert.Equal(ErrorIds.ClientAuthenticationFailed, wrong.Error!.ErrorId); // the secret is checked first
        Assert.Equal(wrong.Response.StatusCode, expired.Response.StatusCode);
        Assert.Equal(wrong.Response.GetJsonBody().ToArray(), expired.Response.GetJsonBody().ToArray());
        Assert.Equal(wrong.Response.Headers.OrderBy(h => h.Key), expired.Response.Headers.OrderBy(h => h.Key));
    }

    [Fact]
    public async Task Rfc7592_2_2_an_update_early_in_the_lifetime_keeps_the_secret_and_its_expiry()
    {
        var server = Server(Lifetime);
        var (id, secret, registrationToken, _) = await RegisterAsync(server);
        _time.Advance(Lifetime / 2);

        var (_, json) = await UpdateAsync(server, id, registrationToken);

        Assert.False(json.TryGetProperty("client_secret", out _));
        Assert.Equal((Harness.Start + Lifetime).ToUnixTimeSeconds(), json.GetProperty("client_secret_expires_at").GetInt64());
        Assert.True((await TokenAsync(server, id, secret)).Succeeded);
    }

    [Theory]
    [InlineData(7 * 60)] // less than a quarter of the 8 hours left
    [InlineData(8 * 60)] // expired
    [InlineData(30 * 24 * 60)] // long expired
    public async Task Rfc7592_2_2_an_update_near_or_after_expiry_issues_a_new_secret_with_a_fresh_expiry(int minutesLater)
    {
        var server = Server(Lifetime);
        var (id, oldSecret, registrationToken, _) = await RegisterAsync(server);
        _time.Advance(TimeSpan.FromMinutes(minutesLater));

        var (result, json) = await UpdateAsync(server, id, registrationToken);

        var newSecret = json.GetProperty("client_secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        var expected = DateTimeOffset.FromUnixTimeSeconds((_time.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
        Assert.Equal(expected.ToUnixTimeSeconds(), json.GetProperty("client_secret_expires_at").GetInt64());
        Assert.Equal(expected, result.Value!.ClientSecretExpiresAt);
        Assert.Equal(expected, (await _store.FindClientAsync(id, Ct))!.ClientSecretExpiresAt);
        Assert.True((await TokenAsync(server, id, newSecret)).Succeeded);
        Assert.Equal(ErrorIds.ClientAuthenticationFailed, (await TokenAsync(server, id, oldSecret)).Error!.ErrorId);
    }

    [Fact]
    public async Task Rfc7592_2_2_a_secret_registered_before_a_lifetime_was_configured_is_renewed_with_one_on_update()
    {
        var (id, oldSecret, registrationToken, _) = await RegisterAsync(Server(lifetime: null));

        var server = Server(Lifetime);
        var (_, json) = await UpdateAsync(server, id, registrationToken);

        var newSecret = json.GetProperty("client_secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal((Harness.Start + Lifetime).ToUnixTimeSeconds(), json.GetProperty("client_secret_expires_at").GetInt64());
    }

    [Fact]
    public async Task Without_a_lifetime_an_update_keeps_a_secret_that_has_not_expired()
    {
        var server = Server(lifetime: null);
        var (id, secret, registrationToken, _) = await RegisterAsync(server);
        _time.Advance(TimeSpan.FromDays(400));

        var (_, json) = await UpdateAsync(server, id, registrationToken);

        Assert.False(json.TryGetProperty("client_secret", out _));
        Assert.Equal(0, json.GetProperty("client_secret_expires_at").GetInt64());
        Assert.True((await TokenAsync(server, id, secret)).Succeeded);
    }

    [Fact]
    public async Task The_expiry_is_checked_for_any_client_record_not_only_registered_ones()
    {
        // One rule in the authenticator: a configured client whose record says its secret expired is refused too.
        var server = Server(lifetime: null);
        var secret = ClientSecretHasher.GenerateSecret();
        await _store.SaveClientAsync(
            new OAuth2Client
            {
                Id = "configured",
                SecretHash = ClientSecretHasher.HashGeneratedSecret(secret),
                Grants = [GrantTypes.ClientCredentials],
                ClientSecretExpiresAt = Harness.Start.AddMinutes(5),
            },
            Ct);

        Assert.True((await TokenAsync(server, "configured", secret)).Succeeded);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ErrorIds.ClientSecretExpired, (await TokenAsync(server, "configured", secret)).Error!.ErrorId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0.5)]
    [InlineData(40000 * 86400.0)]
    public void A_lifetime_outside_one_second_to_100_years_is_refused_at_construction(double seconds)
    {
        var error = Assert.Throws<InvalidArgumentException>(() => Server(TimeSpan.FromSeconds(seconds)));

        Assert.Contains("clientSecretLifetime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renewal_is_logged_as_event_2240_with_the_client_id_and_never_the_secret()
    {
        var server = Server(Lifetime);
        var (id, oldSecret, registrationToken, _) = await RegisterAsync(server);
        var (_, kept) = await UpdateAsync(server, id, registrationToken);
        Assert.DoesNotContain(_log.Entries, e => e.Id == 2240);

        _time.Advance(Lifetime);
        var (_, renewed) = await UpdateAsync(server, id, kept.GetProperty("registration_access_token").GetString()!);

        var entry = Assert.Single(_log.Entries, e => e.Id == 2240);
        Assert.Contains(id, entry.Text, StringComparison.Ordinal);
        var newSecret = renewed.GetProperty("client_secret").GetString()!;
        Assert.All(_log.Entries, e => Assert.False(e.Text.Contains(oldSecret, StringComparison.Ordinal) || e.Text.Contains(newSecret, StringComparison.Ordinal)));
    }

    private sealed class LogCapture : Microsoft.Extensions.Logging.ILoggerFactory, Microsoft.Extensions.Logging.ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<(int Id, string Text)> Entries { get; } = new();

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Entries.Enqueue((eventId.Id, formatter(state, exception)));
    }
}
