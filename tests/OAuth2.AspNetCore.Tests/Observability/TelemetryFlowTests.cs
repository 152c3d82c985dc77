using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuth2.AspNetCore.Tests.Support;
using OAuth2.Diagnostics;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.Observability;

/// <summary>
/// Flows against the sample, read back the way an operator reads them: the meters through an in-process
/// <see cref="MeterListener"/> (scoped to this app's <see cref="IMeterFactory"/>), the audit events through a sink, the
/// log through a capturing provider that must never see a credential.
/// </summary>
public sealed class TelemetryFlowTests
{
    private const string DeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";
    private static readonly AuthenticationHeaderValue ClientAuth = OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient CreateClient(Uri baseAddress)
        => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };

    [Fact]
    public async Task Counters_histograms_and_audit_events_move_with_the_flow()
    {
        var audit = new RecordingAuditSink();
        var initialAccessToken = "iat-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await using var sample = await RunningSample.StartAsync(
            ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Telemetry:Exporter=none",
                "--OAuth2:ClientRegistration:InitialAccessTokenHashes:0=" + Sha256Hex(initialAccessToken)],
            services => services.AddSingleton<IOAuth2AuditSink>(audit),
            Ct);
        var meters = sample.App.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name.StartsWith("OAuth2.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.Start();

        using var client = CreateClient(sample.BaseAddress);
        for (var i = 0; i < 2; i++)
        {
            var (ok, _) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "client_credentials"), new("scope", "read")], ClientAuth);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var (_, issued) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "password"), new("username", Username), new("password", Password), new("scope", "read")], ClientAuth);
        var firstRefresh = issued.GetProperty("refresh_token").GetString()!;
        var (refreshed, _) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", firstRefresh)], ClientAuth);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var (reused, _) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", firstRefresh)], ClientAuth);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        var (wrongSecret, _) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "client_credentials")], OAuthHttp.Basic(ConfidentialClientId, "not-the-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        using (var me = await OAuthHttp.GetWithTokenAsync(client, "api/me", issued.GetProperty("access_token").GetString()))
        {
            // The family was revoked by the reuse: the API refuses the first access token too.
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }

        // A pushed authorization request (its store is a contract of its own) and a client registered, read, updated
        // and deleted (RFC 7591/7592), then a management call with a stale registration access token.
        var callback = new Uri(sample.BaseAddress, "/callback").ToString();
        var pushedPkce = PkcePair.Create();
        using (var pushed = await client.PostAsync("par", new FormUrlEncodedContent(
        [
            new("client_id", PublicClientId), new("response_type", "code"), new("redirect_uri", callback), new("scope", "read"),
            new("state", "state-1"), new("code_challenge", pushedPkce.Challenge), new("code_challenge_method", "S256"),
        ]), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        }

        await RegisterReadUpdateDeleteAsync(client, initialAccessToken);

        listener.RecordObservableInstruments();
        long Sum(string name, params (string Key, string Value)[] tags)
            => (long)measurements.Where(m => m.Instrument == name && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(m => m.Value);

        Assert.Equal(2, Sum("oauth2.tokens.issued", ("oauth2.grant_type", "client_credentials")));
        Assert.Equal(1, Sum("oauth2.tokens.issued", ("oauth2.grant_type", "password")));
        Assert.Equal(1, Sum("oauth2.tokens.issued", ("oauth2.grant_type", "refresh_token")));
        Assert.Equal(1, Sum("oauth2.refresh_token.reuse_detections"));
        Assert.Equal(1, Sum("oauth2.errors", ("oauth2.endpoint", "token"), ("error.type", "invalid_grant")));
        Assert.Equal(1, Sum("oauth2.errors", ("oauth2.endpoint", "token"), ("error.type", "invalid_client")));
        Assert.Equal(1, Sum("oauth2.client_authentication.failures", ("oauth2.endpoint", "token")));
        Assert.Equal(0, Sum("oauth2.authorization_code.replays"));

        var storeOps = measurements.Where(m => m.Instrument == "oauth2.store.operation.duration").ToList();
        Assert.All(storeOps, m => Assert.Equal("memory", m.Tags["db.system.name"]));
        Assert.All(storeOps, m => Assert.InRange(m.Value, 0, 10));
        Assert.Equal(4, storeOps.Count(m => Equals(m.Tags["db.operation.name"], "SaveTokens")));
        Assert.Contains(storeOps, m => Equals(m.Tags["db.operation.name"], "RevokeTokensOfGrant"));
        Assert.Contains(storeOps, m => Equals(m.Tags["db.operation.name"], "FindAccessToken"));
        Assert.Equal(1, storeOps.Count(m => Equals(m.Tags["db.operation.name"], "SavePushedAuthorization")));

        foreach (var operation in new[] { "create", "read", "update", "delete" })
        {
            Assert.Equal(1, Sum("oauth2.registration.operations", ("oauth2.registration.operation", operation)));
        }

        Assert.Equal(1, Sum("oauth2.errors", ("oauth2.endpoint", "client_configuration"), ("error.type", "invalid_token")));
        Assert.Equal(1, Sum("oauth2.errors", ("oauth2.endpoint", "registration"), ("error.type", "invalid_token")));

        var types = audit.Events.Select(e => e.Type).ToList();
        Assert.Equal(3, types.Count(t => t == OAuth2AuditEventType.TokenIssued));
        Assert.Equal(1, types.Count(t => t == OAuth2AuditEventType.TokenRefreshed));
        var reuse = Assert.Single(audit.Events, e => e.Type == OAuth2AuditEventType.RefreshTokenReuseDetected);
        Assert.Equal(ConfidentialClientId, reuse.ClientId);
        Assert.Equal("user-alice", reuse.SubjectId);
        Assert.False(string.IsNullOrEmpty(reuse.GrantId));
        var failed = Assert.Single(audit.Events, e => e.Type == OAuth2AuditEventType.ClientAuthenticationFailed);
        Assert.Equal(ConfidentialClientId, failed.ClientId);
    }

    [Fact]
    public async Task No_issued_or_presented_credential_ever_reaches_the_log()
    {
        var logs = new CapturingLoggerProvider();
        var tags = new ConcurrentQueue<(string Where, string Value)>();
        using var spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("OAuth2", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                foreach (var (name, value) in a.TagObjects)
                {
                    tags.Enqueue(($"span '{a.OperationName}' tag '{name}'", value?.ToString() ?? string.Empty));
                }
            },
        };
        ActivitySource.AddActivityListener(spans);
        // Registration needs an initial access token: the sample is given only its SHA-256, the test keeps the token.
        var initialAccessToken = "iat-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        using var keyClient = new ClientAssertionKey("demo-leak-keys", "leak-1");
        using var dpop = new DpopKey();
        var initialAccessTokenHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(initialAccessToken)));
        // Every OAuth2 category at Trace; the framework at the sample's shipped level (its request lines carry query strings).
        await using var sample = await RunningSample.StartAsync(
            ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Telemetry:Exporter=none",
                "--OAuth2:ClientRegistration:InitialAccessTokenHashes:0=" + initialAccessTokenHash,
                $"--OAuth2:Clients:91:ClientId={keyClient.ClientId}", "--OAuth2:Clients:91:Grants:0=client_credentials", "--OAuth2:Clients:91:Scopes:0=read",
                $"--OAuth2:Clients:91:Jwks={keyClient.JwksJson}"],
            services => services.AddSingleton<ILoggerProvider>(logs),
            Ct);
        var meters = sample.App.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name.StartsWith("OAuth2.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, _, t, _) => EnqueueTags(i.Name, t));
        listener.SetMeasurementEventCallback<double>((i, _, t, _) => EnqueueTags(i.Name, t));
        listener.Start();
        void EnqueueTags(string instrument, ReadOnlySpan<KeyValuePair<string, object?>> measured)
        {
            foreach (var (name, value) in measured)
            {
                tags.Enqueue(($"{instrument} attribute '{name}'", value?.ToString() ?? string.Empty));
            }
        }

        var callback = new Uri(sample.BaseAddress, "/callback").ToString();
        var secrets = new List<string> { ConfidentialClientSecret, Password, "demo-resource-secret", "wrong-secret-4711", "wrong-password-4711", initialAccessToken, "wrong-initial-access-token-4711" };
        using var client = CreateClient(sample.BaseAddress);

        string Keep(System.Text.Json.JsonElement json, string name)
        {
            var value = json.GetProperty(name).GetString()!;
            secrets.Add(value);
            return value;
        }

        // client credentials, password, refresh, refresh reuse
        var (_, cc) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "client_credentials"), new("scope", "read")], ClientAuth);
        var clientAccess = Keep(cc, "access_token");
        var (_, pw) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "password"), new("username", Username), new("password", Password), new("scope", "read")], ClientAuth);
        var access = Keep(pw, "access_token");
        var refresh = Keep(pw, "refresh_token");
        using (await OAuthHttp.GetWithTokenAsync(client, "api/me", access))
        {
        }

        var (_, rotated) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", refresh)], ClientAuth);
        Keep(rotated, "access_token");
        Keep(rotated, "refresh_token");
        await OAuthHttp.PostTokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", refresh)], ClientAuth);

        // authorization code with PKCE, then a replay of the code
        var pkce = PkcePair.Create();
        secrets.Add(pkce.Verifier);
        var (code, _) = await SignInForm.ApproveAsync(client, SignInForm.AuthorizeQuery(PublicClientId, callback, "read", "state-1", pkce));
        secrets.Add(code);
        KeyValuePair<string, string>[] exchange =
            [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", callback), new("client_id", PublicClientId), new("code_verifier", pkce.Verifier)];
        var (_, byCode) = await OAuthHttp.PostTokenAsync(client, exchange);
        var codeAccess = Keep(byCode, "access_token");
        Keep(byCode, "refresh_token");
        await OAuthHttp.PostTokenAsync(client, exchange);

        // device flow: authorize, approve on the page, poll once (a poll before would make this one too fast)
        using (var deviceResponse = await client.PostAsync("device_authorization", new FormUrlEncodedContent([new("client_id", "demo-device"), new("scope", "read")]), Ct))
        {
            var device = await OAuthHttp.ReadJsonAsync(deviceResponse);
            var deviceCode = Keep(device, "device_code");
            var userCode = Keep(device, "user_code");
            KeyValuePair<string, string>[] poll = [new("grant_type", DeviceGrant), new("client_id", "demo-device"), new("device_code", deviceCode)];
            var html = await (await client.GetAsync("device?user_code=" + Uri.EscapeDataString(userCode), Ct)).Content.ReadAsStringAsync(Ct);
            using var approved = await client.PostAsync("device", new FormUrlEncodedContent(
            [
                new("user_code", OAuthHttp.InputValue(html, "user_code")!), new("username", Username), new("password", Password), new("allowed", "true"),
                new("__RequestVerificationToken", OAuthHttp.InputValue(html, "__RequestVerificationToken")!),
            ]), Ct);
            var (_, deviceTokens) = await OAuthHttp.PostTokenAsync(client, poll);
            Keep(deviceTokens, "access_token");
        }

        // token exchange (RFC 8693) by the demo resource server (of the client-credentials token: the password grant's
        // family was revoked by the reuse above), and a JWT bearer assertion (RFC 7523) used, then replayed
        var resourceAuth = OAuthHttp.Basic("demo-resource", "demo-resource-secret");
        var (_, exchanged) = await OAuthHttp.PostTokenAsync(
            client,
            [
                new("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"), new("subject_token", clientAccess),
                new("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"), new("audience", "urn:oauth2-sample:demo-api"), new("scope", "read"),
            ],
            resourceAuth);
        Keep(exchanged, "access_token");
        using (var assertionResponse = await client.PostAsync("demo-idp/assertion", new FormUrlEncodedContent([new("sub", Username)]), Ct))
        {
            var assertion = Keep(await OAuthHttp.ReadJsonAsync(assertionResponse), "assertion");
            KeyValuePair<string, string>[] bearer = [new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), new("assertion", assertion), new("scope", "read")];
            var (_, byAssertion) = await OAuthHttp.PostTokenAsync(client, bearer, ClientAuth);
            Keep(byAssertion, "access_token");
            await OAuthHttp.PostTokenAsync(client, bearer, ClientAuth);
        }

        // private_key_jwt (RFC 7523 section 2.2) with a DPoP proof (RFC 9449), the bound token used at /api/me with its
        // proof, and the same assertion replayed
        var clientAssertion = keyClient.Assertion(sample.BaseAddress.ToString().TrimEnd('/'));
        secrets.Add(clientAssertion);
        KeyValuePair<string, string>[] byKey =
        [
            new("grant_type", "client_credentials"), new("scope", "read"), new("client_id", keyClient.ClientId),
            new("client_assertion_type", ClientAssertionKey.AssertionType), new("client_assertion", clientAssertion),
        ];
        foreach (var attempt in new[] { "first", "replay" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "token") { Content = new FormUrlEncodedContent(byKey) };
            var tokenProof = dpop.Proof(HttpMethod.Post, new Uri(sample.BaseAddress, "token"));
            secrets.Add(tokenProof);
            request.Headers.Add("DPoP", tokenProof);
            using var response = await client.SendAsync(request, Ct);
            if (attempt == "first")
            {
                var bound = Keep(await OAuthHttp.ReadJsonAsync(response), "access_token");
                using var me = new HttpRequestMessage(HttpMethod.Get, "api/me");
                me.Headers.Authorization = new AuthenticationHeaderValue("DPoP", bound);
                var meProof = dpop.Proof(HttpMethod.Get, new Uri(sample.BaseAddress, "api/me"), bound);
                secrets.Add(meProof);
                me.Headers.Add("DPoP", meProof);
                using var meResponse = await client.SendAsync(me, Ct);
                Assert.Equal(HttpStatusCode.OK, meResponse.StatusCode);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        // a pushed authorization request (RFC 9126), and client registration (RFC 7591) with the right and a wrong token
        var pushedPkce = PkcePair.Create();
        secrets.Add(pushedPkce.Verifier);
        using (var pushed = await client.PostAsync("par", new FormUrlEncodedContent(
        [
            new("client_id", PublicClientId), new("response_type", "code"), new("redirect_uri", callback), new("scope", "read"),
            new("state", "state-2"), new("code_challenge", pushedPkce.Challenge), new("code_challenge_method", "S256"),
        ]), Ct))
        {
            Keep(await OAuthHttp.ReadJsonAsync(pushed), "request_uri");
        }

        foreach (var bearerToken in new[] { initialAccessToken, "wrong-initial-access-token-4711" })
        {
            using var register = new HttpRequestMessage(HttpMethod.Post, "register")
            {
                Content = new StringContent("""{"redirect_uris":["https://app.example.com/callback"],"scope":"read"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            register.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
            using var registered = await client.SendAsync(register, Ct);
            if (bearerToken == initialAccessToken)
            {
                var json = await OAuthHttp.ReadJsonAsync(registered);
                Keep(json, "client_secret");
                Keep(json, "registration_access_token");
            }
        }

        // and managed (RFC 7592): read, update (the registration access token rotates), a stale token, delete
        secrets.AddRange(await RegisterReadUpdateDeleteAsync(client, initialAccessToken));

        // introspection and revocation, by their rightful clients and by a wrong secret
        foreach (var (path, auth) in new[] { ("introspect", resourceAuth), ("revoke", OAuthHttp.Basic(PublicClientId, "wrong-secret-4711")), ("introspect", OAuthHttp.Basic("demo-resource", "wrong-secret-4711")) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("token", codeAccess)]) };
            request.Headers.Authorization = auth;
            using var _ = await client.SendAsync(request, Ct);
        }

        using (var revoke = new HttpRequestMessage(HttpMethod.Post, "revoke") { Content = new FormUrlEncodedContent([new("token", access)]) })
        {
            revoke.Headers.Authorization = ClientAuth;
            using var _ = await client.SendAsync(revoke, Ct);
        }

        // failures: wrong client secret, wrong password, an unknown bearer token
        await OAuthHttp.PostTokenAsync(client, [new("grant_type", "client_credentials")], OAuthHttp.Basic(ConfidentialClientId, "wrong-secret-4711"));
        await OAuthHttp.PostTokenAsync(client, [new("grant_type", "password"), new("username", Username), new("password", "wrong-password-4711")], ClientAuth);
        secrets.Add("unknown-bearer-token-4711");
        using (await OAuthHttp.GetWithTokenAsync(client, "api/me", "unknown-bearer-token-4711"))
        {
        }

        var entries = logs.Entries.ToList();
        // The flow was seen: the security warnings are there, so the log under test is not empty.
        Assert.Contains(entries, e => e.EventId.Id == 2103);
        Assert.Contains(entries, e => e.EventId.Id == 2104);
        Assert.Contains(entries, e => e.EventId.Id == 2105);
        Assert.True(secrets.Count >= 32, $"only {secrets.Count} credentials collected");
        foreach (var secret in secrets)
        {
            var leak = entries.FirstOrDefault(e => e.Text.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak.Text is null, $"a credential appeared in a {leak.Category} log line (event {leak.EventId.Id})");
        }

        // Nor any span attribute or metric attribute; the flow was traced and measured, so the tags under test are there.
        var recorded = tags.ToList();
        Assert.Contains(recorded, t => t.Where.StartsWith("span 'OAuth2 client_configuration'", StringComparison.Ordinal));
        Assert.Contains(recorded, t => t.Where.StartsWith("span 'SavePushedAuthorization'", StringComparison.Ordinal));
        Assert.Contains(recorded, t => t.Where.StartsWith("oauth2.registration.operations", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            var leak = recorded.FirstOrDefault(t => t.Value.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak.Where is null, $"a credential appeared in {leak.Where}");
        }
    }

    /// <summary>
    /// Registers a confidential client, reads it, updates it (rotating the registration access token), reads it with
    /// the stale token (refused) and deletes it; returns every credential issued or presented on the way.
    /// </summary>
    private static async Task<List<string>> RegisterReadUpdateDeleteAsync(HttpClient client, string initialAccessToken)
    {
        async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Json)> SendAsync(HttpMethod method, string path, string bearer, string? body)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await client.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            return (response.StatusCode, text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone());
        }

        var (created, json) = await SendAsync(HttpMethod.Post, "register", initialAccessToken, """{"redirect_uris":["https://app.example.com/callback"],"scope":"read"}""");
        Assert.True(created == HttpStatusCode.Created, json.ToString());
        var clientId = json.GetProperty("client_id").GetString()!;
        var uri = json.GetProperty("registration_client_uri").GetString()!;
        var token = json.GetProperty("registration_access_token").GetString()!;
        List<string> credentials = [json.GetProperty("client_secret").GetString()!, token];

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, uri, token, null)).Status);
        var (updated, updatedJson) = await SendAsync(HttpMethod.Put, uri, token, $$"""{"client_id":"{{clientId}}","redirect_uris":["https://app.example.com/callback"],"scope":"read"}""");
        Assert.Equal(HttpStatusCode.OK, updated);
        var rotated = updatedJson.GetProperty("registration_access_token").GetString()!;
        credentials.Add(rotated);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, uri, token, null)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, uri, rotated, null)).Status);
        var (refused, _) = await SendAsync(HttpMethod.Post, "register", "wrong-" + initialAccessToken, """{"redirect_uris":["https://app.example.com/callback"]}""");
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        return credentials;
    }

    private static string Sha256Hex(string value)
        => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
