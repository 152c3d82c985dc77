using System.Text;
using OAuth2.Clients;
using OAuth2.Http;
using OAuth2.Pkce;
using OAuth2.Security;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// End-to-end cases: the store under test driven through <see cref="OAuth2Server"/> and
/// <see cref="StoreBackedModel"/>, so an adapter is checked for how the core really uses it (code, token, refresh,
/// authenticate, reuse detection), not only method by method.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    private const string E2eSecret = "e2e-client-secret-0123456789abcdefghijklmnop";
    private const string E2eRedirect = "https://client.example.com/cb";
    private const string E2eVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private sealed record E2eContext(IOAuth2Store Store, OAuth2Server Server, OAuth2Client Client);

    private async Task<E2eContext> NewServerAsync()
    {
        var store = await NewStoreAsync();
        var client = new OAuth2Client
        {
            Id = "e2e-" + Guid.NewGuid().ToString("N"),
            SecretHash = ClientSecretHasher.HashGeneratedSecret(E2eSecret),
            RedirectUris = [E2eRedirect],
            Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials],
            Scopes = ["read", "write"],
        };
        await store.SaveClientAsync(client, Ct);
        var options = new OAuth2ServerOptions { Issuer = "https://as.example.com" };
        options.GrantTypes.Remove(GrantTypes.Password);
        return new E2eContext(store, new OAuth2Server(new StoreBackedModel(store), options, Clock), client);
    }

    private static OAuth2Request E2eTokenRequest(E2eContext context, string body)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{context.Client.Id}:{E2eSecret}"));
        return new OAuth2Request
        {
            Method = "POST",
            Headers = ParameterCollection.From(
                [new KeyValuePair<string, string>("Content-Type", "application/x-www-form-urlencoded"), new("Authorization", "Basic " + basic)],
                ignoreCase: true),
            Form = FormUrlEncoding.Parse(body),
        };
    }

    private static OAuth2Request E2eBearer(string accessToken) => new()
    {
        Method = "GET",
        Headers = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "Bearer " + accessToken)], ignoreCase: true),
    };

    private static async Task<string> E2eAuthorizeAsync(E2eContext context)
    {
        var query = $"response_type=code&client_id={context.Client.Id}&redirect_uri={Uri.EscapeDataString(E2eRedirect)}&state=s1&scope=read%20write"
            + $"&code_challenge={PkceVerifier.ComputeS256Challenge(E2eVerifier)}&code_challenge_method=S256";
        var result = await context.Server.AuthorizeAsync(new OAuth2Request { Method = "GET", Query = FormUrlEncoding.Parse(query) }, new OAuth2User("alice"), Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
        return result.Value.Code;
    }

    private static string E2eCodeExchange(string code)
        => $"grant_type=authorization_code&code={Uri.EscapeDataString(code)}&redirect_uri={Uri.EscapeDataString(E2eRedirect)}&code_verifier={E2eVerifier}";

    [Fact]
    public async Task Server_code_token_refresh_authenticate_and_reuse_detection()
    {
        var context = await NewServerAsync();
        var code = await E2eAuthorizeAsync(context);

        var first = await context.Server.TokenAsync(E2eTokenRequest(context, E2eCodeExchange(code)), Ct);
        Assert.True(first.Succeeded, first.Error?.Description);
        var access1 = first.Value.AccessToken;
        var refresh1 = first.Value.RefreshToken;
        Rule.Found(refresh1, "Server: code_token_refresh_authenticate_and_reuse_detection: refresh1 must be found");

        var authenticated = await context.Server.AuthenticateAsync(E2eBearer(access1), ["read"], Ct);
        Assert.True(authenticated.Succeeded, authenticated.Error?.Description);
        Rule.Same("alice", authenticated.Value.User.Id, "Server: code_token_refresh_authenticate_and_reuse_detection: authenticated.Value.User.Id");
        Rule.Same(context.Client.Id, authenticated.Value.ClientId, "Server: code_token_refresh_authenticate_and_reuse_detection: authenticated.Value.ClientId");

        var refreshed = await context.Server.TokenAsync(E2eTokenRequest(context, $"grant_type=refresh_token&refresh_token={refresh1}&scope=read"), Ct);
        Assert.True(refreshed.Succeeded, refreshed.Error?.Description);
        var access2 = refreshed.Value.AccessToken;
        var refresh2 = refreshed.Value.RefreshToken;
        Rule.Found(refresh2, "Server: code_token_refresh_authenticate_and_reuse_detection: refresh2 must be found");
        Rule.True(!Equals(refresh1, refresh2), "Server: code_token_refresh_authenticate_and_reuse_detection: refresh2 must differ from refresh1");
        Rule.Same(["read"], refreshed.Value.Scope, "Server: code_token_refresh_authenticate_and_reuse_detection: refreshed.Value.Scope");
        Assert.True((await context.Server.AuthenticateAsync(E2eBearer(access2), ["read"], Ct)).Succeeded);

        // The rotated-out refresh token comes back: reuse. The whole family goes.
        var reuse = await context.Server.TokenAsync(E2eTokenRequest(context, $"grant_type=refresh_token&refresh_token={refresh1}"), Ct);
        Rule.True(!(reuse.Succeeded), "Server: code_token_refresh_authenticate_and_reuse_detection: reuse.Succeeded must be false");
        Rule.Same("invalid_grant", reuse.Error?.Error, "Server: code_token_refresh_authenticate_and_reuse_detection: reuse.Error.Error");

        var afterReuse = await context.Server.TokenAsync(E2eTokenRequest(context, $"grant_type=refresh_token&refresh_token={refresh2}"), Ct);
        Rule.True(!(afterReuse.Succeeded), "Server: code_token_refresh_authenticate_and_reuse_detection: afterReuse.Succeeded must be false");
        Rule.Same("invalid_grant", afterReuse.Error?.Error, "Server: code_token_refresh_authenticate_and_reuse_detection: afterReuse.Error.Error");
        Rule.Same("invalid_token", (await context.Server.AuthenticateAsync(E2eBearer(access1), null, Ct)).Error?.Error, "Server: code_token_refresh_authenticate_and_reuse_detection: (context.Server.AuthenticateAsync(E2eBearer(access1), null)).Error?.Error");
        Rule.Same("invalid_token", (await context.Server.AuthenticateAsync(E2eBearer(access2), null, Ct)).Error?.Error, "Server: code_token_refresh_authenticate_and_reuse_detection: (context.Server.AuthenticateAsync(E2eBearer(access2), null)).Error?.Error");
    }

    [Fact]
    public async Task Server_code_replay_is_refused_and_revokes_the_tokens_it_produced()
    {
        var context = await NewServerAsync();
        var code = await E2eAuthorizeAsync(context);
        var first = await context.Server.TokenAsync(E2eTokenRequest(context, E2eCodeExchange(code)), Ct);
        Assert.True(first.Succeeded, first.Error?.Description);

        var replay = await context.Server.TokenAsync(E2eTokenRequest(context, E2eCodeExchange(code)), Ct);
        Rule.True(!(replay.Succeeded), "Server: code_replay_is_refused_and_revokes_the_tokens_it_produced: replay.Succeeded must be false");
        Rule.Same("invalid_grant", replay.Error?.Error, "Server: code_replay_is_refused_and_revokes_the_tokens_it_produced: replay.Error.Error");
        Rule.Same("invalid_token", (await context.Server.AuthenticateAsync(E2eBearer(first.Value.AccessToken), null, Ct)).Error?.Error, "Server: code_replay_is_refused_and_revokes_the_tokens_it_produced: (context.Server.AuthenticateAsync(E2eBearer(first.Value.AccessToken), null)).Error?.Error");
        var refresh = await context.Server.TokenAsync(E2eTokenRequest(context, $"grant_type=refresh_token&refresh_token={first.Value.RefreshToken}"), Ct);
        Rule.Same("invalid_grant", refresh.Error?.Error, "Server: code_replay_is_refused_and_revokes_the_tokens_it_produced: refresh.Error?.Error");
    }

    /// <remarks>
    /// 64 valid exchanges of one code at once: the store's compare-and-swap lets exactly one of them mint and save a
    /// token; the other 63 are replays of a redeemed code, so (RFC 6749 section 4.1.2) the family is revoked. The
    /// winner's own answer depends on timing — a 200 if it finished before the first replay's revocation, otherwise
    /// its post-save check refuses it — but never two tokens, and never a token that outlives the replays.
    /// </remarks>
    [Fact]
    public async Task Server_mints_exactly_one_token_for_64_concurrent_exchanges_of_one_code_and_revokes_it()
    {
        var context = await NewServerAsync();
        var counting = new CountingStore(context.Store);
        var options = new OAuth2ServerOptions { Issuer = "https://as.example.com" };
        options.GrantTypes.Remove(GrantTypes.Password);
        var server = new OAuth2Server(new StoreBackedModel(counting), options, Clock);
        var code = await E2eAuthorizeAsync(context);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await server.TokenAsync(E2eTokenRequest(context, E2eCodeExchange(code)), Ct);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        Rule.Same(1, counting.TokenSaves, "Server: mints_exactly_one_token_for_64_concurrent_exchanges_of_one_code_and_revokes_it: counting.TokenSaves");
        Rule.InRange(results.Count(r => r.Succeeded), 0, 1, "Server: mints_exactly_one_token_for_64_concurrent_exchanges_of_one_code_and_revokes_it: results.Count(r => r.Succeeded)");
        Rule.Each(results.Where(r => !r.Succeeded).Select(r => r.Error?.Error), error => error == "invalid_grant", "Through the server: every refused concurrent exchange is invalid_grant");
        foreach (var winner in results.Where(r => r.Succeeded))
        {
            Rule.Same("invalid_token", (await server.AuthenticateAsync(E2eBearer(winner.Value!.AccessToken), null, Ct)).Error?.Error, "Server: mints_exactly_one_token_for_64_concurrent_exchanges_of_one_code_and_revokes_it: (server.AuthenticateAsync(E2eBearer(winner.Value!.AccessToken), null)).Error?.Error");
        }
    }

    [Fact]
    public async Task Server_lets_exactly_one_of_64_concurrent_refreshes_rotate_a_refresh_token()
    {
        var context = await NewServerAsync();
        var code = await E2eAuthorizeAsync(context);
        var first = await context.Server.TokenAsync(E2eTokenRequest(context, E2eCodeExchange(code)), Ct);
        Assert.True(first.Succeeded, first.Error?.Description);
        var counting = new CountingStore(context.Store);
        var options = new OAuth2ServerOptions { Issuer = "https://as.example.com" };
        options.GrantTypes.Remove(GrantTypes.Password);
        var server = new OAuth2Server(new StoreBackedModel(counting), options, Clock);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await server.TokenAsync(E2eTokenRequest(context, $"grant_type=refresh_token&refresh_token={first.Value.RefreshToken}"), Ct);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        Rule.Same(1, counting.TokenSaves, "Server: lets_exactly_one_of_64_concurrent_refreshes_rotate_a_refresh_token: counting.TokenSaves");
        Rule.InRange(results.Count(r => r.Succeeded), 0, 1, "Server: lets_exactly_one_of_64_concurrent_refreshes_rotate_a_refresh_token: results.Count(r => r.Succeeded)");
        Rule.Each(results.Where(r => !r.Succeeded).Select(r => r.Error?.Error), error => error == "invalid_grant", "Through the server: every refused concurrent exchange is invalid_grant");
    }

    [Fact]
    public async Task Server_flow_leaves_no_plaintext_credential_in_the_backend()
    {
        var context = await NewServerAsync();
        var code = await E2eAuthorizeAsync(context);
        var dumpWithCode = await Fixture.DumpAsync(context.Store, Ct);
        if (dumpWithCode is null)
        {
            Assert.Skip("The fixture offers no raw dump of the backend.");
        }

        var token = await context.Server.TokenAsync(E2eTokenRequest(context, E2eCodeExchange(code)), Ct);
        Assert.True(token.Succeeded, token.Error?.Description);
        var cc = await context.Server.TokenAsync(E2eTokenRequest(context, "grant_type=client_credentials&scope=read"), Ct);
        Assert.True(cc.Succeeded, cc.Error?.Description);
        var dump = await Fixture.DumpAsync(context.Store, Ct);

        foreach (var secret in new[] { code, token.Value.AccessToken, token.Value.RefreshToken!, cc.Value.AccessToken, E2eSecret })
        {
            Rule.True(!dumpWithCode.Contains(secret, StringComparison.Ordinal), "Nothing usable at rest: the raw dump taken while a code was live holds a plaintext credential the server issued.");
            Rule.True(dump?.Contains(secret, StringComparison.Ordinal) != true, "Nothing usable at rest: the raw dump after the token requests holds a plaintext credential the server issued.");
        }
    }

    [Fact]
    public async Task Server_refused_refresh_leaves_the_refresh_token_usable()
    {
        var context = await NewServerAsync();
        var code = await E2eAuthorizeAsync(context);
        var first = await context.Server.TokenAsync(E2eTokenRequest(context, E2eCodeExchange(code)), Ct);
        Assert.True(first.Succeeded, first.Error?.Description);

        var widened = await context.Server.TokenAsync(E2eTokenRequest(context, $"grant_type=refresh_token&refresh_token={first.Value.RefreshToken}&scope=read%20write%20admin"), Ct);
        Rule.Same("invalid_scope", widened.Error?.Error, "Server: refused_refresh_leaves_the_refresh_token_usable: widened.Error?.Error");

        var retry = await context.Server.TokenAsync(E2eTokenRequest(context, $"grant_type=refresh_token&refresh_token={first.Value.RefreshToken}"), Ct);
        Assert.True(retry.Succeeded, retry.Error?.Description);
    }
}
