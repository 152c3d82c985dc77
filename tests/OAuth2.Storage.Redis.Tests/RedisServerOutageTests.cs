using System.Text;
using OAuth2.Clients;
using OAuth2.Http;
using OAuth2.Security;
using OAuth2.Storage.Redis.Tests.Infrastructure;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>
/// Redis dies while requests run through the core: clients get <c>server_error</c> 503 with a clear description
/// (never another error, never an exception), service resumes when Redis is back, and no token issued before the
/// fault is lost.
/// </summary>
public sealed class RedisServerOutageTests
{
    private const string Secret = "outage-client-secret-0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OAuth2Request TokenRequest() => new()
    {
        Method = "POST",
        Headers = ParameterCollection.From(
            [new KeyValuePair<string, string>("Content-Type", "application/x-www-form-urlencoded"),
             new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("outage:" + Secret)))],
            ignoreCase: true),
        Form = FormUrlEncoding.Parse("grant_type=client_credentials&scope=read"),
    };

    private static OAuth2Request Bearer(string token) => new()
    {
        Method = "GET",
        Headers = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "Bearer " + token)], ignoreCase: true),
    };

    [Fact]
    public async Task Server_answers_503_while_redis_is_down_and_loses_nothing()
    {
        await using var harness = await RedisOutageHarness.StartAsync(Ct);
        var store = harness.CreateStore();
        await store.SaveClientAsync(new OAuth2Client
        {
            Id = "outage",
            SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret),
            Grants = [GrantTypes.ClientCredentials],
            Scopes = ["read"],
        }, Ct);
        var options = new OAuth2ServerOptions();
        options.GrantTypes.IntersectWith([GrantTypes.ClientCredentials]);
        var server = new OAuth2Server(new StoreBackedModel(store), options);

        var before = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var issued = await server.TokenAsync(TokenRequest(), Ct);
            Assert.True(issued.Succeeded, issued.Error?.Description);
            before.Add(issued.Value.AccessToken);
        }

        // Requests keep coming while Redis is killed and restarted.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var answers = new List<(int Status, string? Error, string? Description)>();
        var traffic = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await server.TokenAsync(TokenRequest(), Ct);
                lock (answers)
                {
                    answers.Add((result.Response.StatusCode, result.Error?.Error, result.Error?.Description));
                }

                await Task.Delay(20, Ct);
            }
        }, Ct);

        await Task.Delay(300, Ct);
        harness.Kill();
        var down = await server.TokenAsync(TokenRequest(), Ct);
        Assert.Equal(503, down.Response.StatusCode);
        Assert.Equal("server_error", down.Error?.Error);
        Assert.Contains("unavailable", down.Error!.Description, StringComparison.OrdinalIgnoreCase);
        var downAuthenticate = await server.AuthenticateAsync(Bearer(before[0]), null, Ct);
        Assert.Equal(503, downAuthenticate.Response.StatusCode);
        Assert.Equal("server_error", downAuthenticate.Error?.Error);
        await Task.Delay(500, Ct);

        await harness.RestartAsync(Ct);
        await RedisOutageHarness.WaitUntilAvailableAsync(
            async () =>
            {
                var probe = await server.AuthenticateAsync(Bearer(before[0]), null, Ct);
                if (probe.Response.StatusCode == 503)
                {
                    throw new StorageUnavailableException("still down");
                }
            },
            TimeSpan.FromSeconds(20),
            Ct);
        await Task.Delay(300, Ct);
        await stop.CancelAsync();
        await traffic;

        lock (answers)
        {
            Assert.All(answers, a => Assert.True(a.Status == 200 || (a.Status == 503 && a.Error == "server_error"), $"{a.Status} {a.Error} {a.Description}"));
            Assert.Contains(answers, a => a.Status == 503);
            Assert.Equal(200, answers[^1].Status);
        }

        foreach (var token in before)
        {
            var authenticated = await server.AuthenticateAsync(Bearer(token), ["read"], Ct);
            Assert.True(authenticated.Succeeded, authenticated.Error?.Description);
        }
    }
}
