using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Devices;
using OAuth2.Errors;
using OAuth2.Model;
using OAuth2.Storage;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Devices;

/// <summary>RFC 8628 sections 3.1-3.2: what the device authorization endpoint answers, and every way it refuses.</summary>
public sealed class DeviceAuthorizationEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_public_client_gets_a_device_code_a_user_code_and_where_to_enter_it()
    {
        var kit = new DeviceKit();

        var result = await kit.AuthorizeDeviceAsync("client_id=tv&scope=read%20write");

        Assert.True(result.Succeeded, result.Error?.Description);
        var body = result.Response.Body!;
        Assert.Equal(200, result.Response.StatusCode);
        Expect.NoStore(result.Response);
        Assert.Equal(43, ((string)body["device_code"]!).Length);
        var userCode = (string)body["user_code"]!;
        Assert.Matches("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$", userCode);
        Assert.Equal(DeviceKit.VerificationUri, body["verification_uri"]);
        Assert.Equal(DeviceKit.VerificationUri + "?user_code=" + userCode, body["verification_uri_complete"]);
        Assert.Equal(600L, body["expires_in"]);
        Assert.Equal(5L, body["interval"]);
        Assert.Equal(["read", "write"], result.Value!.Scope);
        Assert.Equal(userCode, result.Value.UserCode);
    }

    [Fact]
    public async Task Only_digests_of_both_codes_reach_the_store()
    {
        var kit = new DeviceKit();

        var (deviceCode, userCode) = await kit.StartAsync();

        var saved = await kit.Store.FindDeviceAuthorizationAsync(TokenDigest.Compute(deviceCode), Ct);
        Assert.NotNull(saved);
        Assert.Equal(DeviceAuthorizationStatus.Pending, saved.Status);
        Assert.Equal(Harness.Start.AddMinutes(10), saved.ExpiresAt);
        Assert.True(saved.RetainUntil > saved.ExpiresAt);
        Assert.Equal(TokenDigest.Compute(deviceCode), await kit.Store.FindDeviceCodeByUserCodeAsync(TokenDigest.Compute(userCode.Replace("-", "", StringComparison.Ordinal)), Ct));
    }

    [Fact]
    public async Task Lifetime_and_interval_come_from_the_options()
    {
        var kit = new DeviceKit(o => { o.DeviceCodeLifetime = TimeSpan.FromMinutes(3); o.DevicePollingInterval = TimeSpan.FromSeconds(9); });

        var result = await kit.AuthorizeDeviceAsync("client_id=tv");

        Assert.Equal(180L, result.Response.Body!["expires_in"]);
        Assert.Equal(9L, result.Response.Body["interval"]);
    }

    [Fact]
    public async Task A_confidential_client_authenticates_as_at_the_token_endpoint()
    {
        var kit = new DeviceKit();

        Assert.True((await kit.AuthorizeDeviceAsync("scope=anything", Requests.Basic("svc", DeviceKit.Secret))).Succeeded);
        Expect.TokenError(await kit.AuthorizeDeviceAsync("client_id=svc"), "invalid_client", 401);
        Expect.TokenError(await kit.AuthorizeDeviceAsync(string.Empty, Requests.Basic("svc", "wrong")), "invalid_client", 401);
    }

    [Theory]
    [InlineData("client_id=nobody", "invalid_client", 401)]
    [InlineData("", "invalid_client", 401)]
    [InlineData("client_id=web", "unauthorized_client", 400)]
    [InlineData("client_id=tv&client_secret=x", "invalid_client", 401)]
    [InlineData("client_id=tv&scope=admin", "invalid_scope", 400)]
    [InlineData("client_id=tv&scope=%22quoted%22", "invalid_scope", 400)]
    [InlineData("client_id=tv&scope=read&scope=write", "invalid_request", 400)]
    public async Task Bad_requests_get_the_rfc_error(string body, string error, int status)
    {
        var kit = new DeviceKit();

        Expect.TokenError(await kit.AuthorizeDeviceAsync(body), error, status);
    }

    [Fact]
    public async Task Wrong_method_or_content_type_is_invalid_request()
    {
        var kit = new DeviceKit();

        Expect.TokenError(await kit.Server.DeviceAuthorizationAsync(Requests.Token("client_id=tv", method: "GET"), Ct), "invalid_request");
        Expect.TokenError(await kit.Server.DeviceAuthorizationAsync(Requests.Token("client_id=tv", contentType: "application/json"), Ct), "invalid_request");
    }

    [Fact]
    public async Task Without_the_device_grant_enabled_the_endpoint_refuses()
    {
        var options = new OAuth2ServerOptions { GrantTypes = new HashSet<string>(StringComparer.Ordinal) { GrantTypes.ClientCredentials } };
        var server = new OAuth2Server(new StoreBackedModel(new global::OAuth2.Storage.InMemory.InMemoryStore()), options);

        Expect.TokenError(await server.DeviceAuthorizationAsync(Requests.Token("client_id=tv"), Ct), "unsupported_grant_type");
        await Assert.ThrowsAsync<InvalidArgumentException>(async () => await server.FindDeviceAuthorizationAsync("BCDF-GHJK", Ct));
    }

    [Fact]
    public async Task A_store_outage_is_a_503_and_no_code_is_handed_out()
    {
        var kit = new DeviceKit(store: new FailingDeviceStore(new global::OAuth2.Storage.InMemory.InMemoryStore()));

        var result = await kit.AuthorizeDeviceAsync("client_id=tv");

        Expect.TokenError(result, "server_error", 503);
    }

    [Fact]
    public async Task A_user_code_collision_draws_another_code()
    {
        var kit = new DeviceKit();
        var model = Substitute.For<IDeviceModel>();
        model.GetClientAsync("tv", Arg.Any<CancellationToken>()).Returns(DeviceKit.Clients[0]);
        model.SaveDeviceAuthorizationAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<DeviceAuthorization>(), Arg.Any<CancellationToken>())
            .Returns(false, false, true);
        var server = new OAuth2Server(model, DeviceKit.DeviceOnlyOptions(), kit.Time);

        var result = await server.DeviceAuthorizationAsync(Requests.Token("client_id=tv"), Ct);

        Assert.True(result.Succeeded, result.Error?.Description);
        var userCodes = model.ReceivedCalls().Where(c => c.GetMethodInfo().Name == nameof(IDeviceAuthorizationModel.SaveDeviceAuthorizationAsync)).Select(c => (string)c.GetArguments()[1]!).ToList();
        Assert.Equal(3, userCodes.Count);
        Assert.Equal(UserCode.Format(userCodes[2]), result.Response.Body!["user_code"]);
    }

    [Fact]
    public async Task Endless_user_code_collisions_end_in_server_error_not_a_loop()
    {
        var kit = new DeviceKit();
        var model = Substitute.For<IDeviceModel>();
        model.GetClientAsync("tv", Arg.Any<CancellationToken>()).Returns(DeviceKit.Clients[0]);
        model.SaveDeviceAuthorizationAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<DeviceAuthorization>(), Arg.Any<CancellationToken>()).Returns(false);
        var server = new OAuth2Server(model, DeviceKit.DeviceOnlyOptions(), kit.Time);

        Expect.TokenError(await server.DeviceAuthorizationAsync(Requests.Token("client_id=tv"), Ct), "server_error", 503);
    }

    /// <summary>A model with the device capability and what the token endpoint needs.</summary>
    public interface IDeviceModel : IClientModel, ITokenModel, IDeviceAuthorizationModel;

    /// <summary>A store whose device saves fail as an unreachable backend does.</summary>
    public sealed class FailingDeviceStore(IOAuth2Store inner) : DelegatingOAuth2Store(inner)
    {
        public override ValueTask<bool> SaveDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, TokenDigest userCodeDigest, DeviceAuthorization authorization, CancellationToken cancellationToken)
            => throw new StorageUnavailableException("backend down", new TimeoutException());
    }
}
