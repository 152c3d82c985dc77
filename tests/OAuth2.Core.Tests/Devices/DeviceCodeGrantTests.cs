using OAuth2.Core.Tests.Support;
using OAuth2.Devices;
using OAuth2.Storage;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Devices;

/// <summary>
/// RFC 8628 sections 3.3-3.5 end to end on a fake clock: the user's decision, the device's polls with every error
/// the RFC lists (authorization_pending, slow_down, access_denied, expired_token), and single use.
/// </summary>
public sealed class DeviceCodeGrantTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pending_then_approved_then_tokens_once()
    {
        var kit = new DeviceKit();
        var (deviceCode, userCode) = await kit.StartAsync("read write");

        Expect.TokenError(await kit.PollAsync(deviceCode), "authorization_pending");
        Assert.Equal(DeviceDecisionResult.Approved, await kit.Server.ApproveDeviceAuthorizationAsync(userCode, DeviceKit.Alice, cancellationToken: Ct));
        kit.Time.Advance(TimeSpan.FromSeconds(5));
        var granted = await kit.PollAsync(deviceCode);

        Assert.True(granted.Succeeded, granted.Error?.Description);
        Assert.Equal("alice", granted.Value!.User.Id);
        Assert.Equal(["read", "write"], granted.Value.Scope);
        Assert.NotNull(granted.Value.RefreshToken);
        Expect.NoStore(granted.Response);
        var access = await kit.Store.FindAccessTokenAsync(TokenDigest.Compute(granted.Value.AccessToken), Ct);
        Assert.Equal("tv", access!.ClientId);
        var saved = await kit.Store.FindDeviceAuthorizationAsync(TokenDigest.Compute(deviceCode), Ct);
        Assert.Equal(access.GrantId, saved!.GrantId);

        kit.Time.Advance(TimeSpan.FromSeconds(5));
        Expect.TokenError(await kit.PollAsync(deviceCode), "invalid_grant");
        Assert.NotNull(await kit.Store.FindAccessTokenAsync(TokenDigest.Compute(granted.Value.AccessToken), Ct));
    }

    [Fact]
    public async Task Polling_faster_than_the_interval_is_slow_down_and_adds_five_seconds_each_time()
    {
        var kit = new DeviceKit();
        var (deviceCode, _) = await kit.StartAsync();
        Expect.TokenError(await kit.PollAsync(deviceCode), "authorization_pending");

        kit.Time.Advance(TimeSpan.FromSeconds(2));
        Expect.TokenError(await kit.PollAsync(deviceCode), "slow_down");
        Assert.Equal(10, (await kit.Store.FindDeviceAuthorizationAsync(TokenDigest.Compute(deviceCode), Ct))!.PollingIntervalSeconds);

        kit.Time.Advance(TimeSpan.FromSeconds(9));
        Expect.TokenError(await kit.PollAsync(deviceCode), "slow_down");
        Assert.Equal(15, (await kit.Store.FindDeviceAuthorizationAsync(TokenDigest.Compute(deviceCode), Ct))!.PollingIntervalSeconds);

        kit.Time.Advance(TimeSpan.FromSeconds(15));
        Expect.TokenError(await kit.PollAsync(deviceCode), "authorization_pending");
    }

    [Fact]
    public async Task An_approval_does_not_excuse_a_poll_that_came_too_soon()
    {
        var kit = new DeviceKit();
        var (deviceCode, userCode) = await kit.StartAsync();
        Expect.TokenError(await kit.PollAsync(deviceCode), "authorization_pending");
        await kit.Server.ApproveDeviceAuthorizationAsync(userCode, DeviceKit.Alice, cancellationToken: Ct);

        kit.Time.Advance(TimeSpan.FromSeconds(1));
        Expect.TokenError(await kit.PollAsync(deviceCode), "slow_down");
        kit.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.True((await kit.PollAsync(deviceCode)).Succeeded);
    }

    [Fact]
    public async Task Denied_is_access_denied_on_every_poll()
    {
        var kit = new DeviceKit();
        var (deviceCode, userCode) = await kit.StartAsync();

        Assert.Equal(DeviceDecisionResult.Denied, await kit.Server.DenyDeviceAuthorizationAsync(userCode, DeviceKit.Alice, Ct));

        Expect.TokenError(await kit.PollAsync(deviceCode), "access_denied");
        kit.Time.Advance(TimeSpan.FromSeconds(5));
        Expect.TokenError(await kit.PollAsync(deviceCode), "access_denied");
        Assert.Equal(DeviceDecisionResult.NotFound, await kit.Server.ApproveDeviceAuthorizationAsync(userCode, DeviceKit.Alice, cancellationToken: Ct));
    }

    [Fact]
    public async Task After_its_lifetime_the_device_code_is_expired_token_and_the_user_code_is_gone()
    {
        var kit = new DeviceKit();
        var (deviceCode, userCode) = await kit.StartAsync();

        kit.Time.Advance(TimeSpan.FromMinutes(10));

        Expect.TokenError(await kit.PollAsync(deviceCode), "expired_token");
        Assert.Null(await kit.Server.FindDeviceAuthorizationAsync(userCode, Ct));
        Assert.Equal(DeviceDecisionResult.NotFound, await kit.Server.ApproveDeviceAuthorizationAsync(userCode, DeviceKit.Alice, cancellationToken: Ct));
        kit.Time.Advance(TimeSpan.FromMinutes(9));
        Expect.TokenError(await kit.PollAsync(deviceCode), "expired_token");
    }

    [Fact]
    public async Task An_approved_code_that_expired_before_redemption_yields_nothing()
    {
        var kit = new DeviceKit();
        var (deviceCode, userCode) = await kit.StartAsync();
        await kit.Server.ApproveDeviceAuthorizationAsync(userCode, DeviceKit.Alice, cancellationToken: Ct);

        kit.Time.Advance(TimeSpan.FromMinutes(10));

        Expect.TokenError(await kit.PollAsync(deviceCode), "expired_token");
    }

    [Theory]
    [InlineData("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=tv", "invalid_request")]
    [InlineData("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=tv&device_code=unknown", "invalid_grant")]
    [InlineData("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=tv&device_code=%C3%A9", "invalid_request")]
    [InlineData("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=web&device_code=x", "unauthorized_client")]
    public async Task Malformed_or_unknown_polls_get_the_rfc_error(string body, string error)
    {
        var kit = new DeviceKit();

        Expect.TokenError(await kit.Server.TokenAsync(Requests.Token(body), Ct), error);
    }

    [Fact]
    public async Task Another_clients_device_code_is_invalid_grant_and_is_not_counted_as_a_poll()
    {
        var kit = new DeviceKit();
        var (deviceCode, _) = await kit.StartAsync();

        var stolen = await kit.Server.TokenAsync(
            Requests.Token($"grant_type={Uri.EscapeDataString(GrantTypes.DeviceCode)}&device_code={deviceCode}", Requests.Basic("svc", DeviceKit.Secret)), Ct);

        Expect.TokenError(stolen, "invalid_grant");
        Assert.Null((await kit.Store.FindDeviceAuthorizationAsync(TokenDigest.Compute(deviceCode), Ct))!.LastPolledAt);
    }

    [Fact]
    public async Task Of_many_concurrent_polls_on_an_approved_code_exactly_one_gets_tokens()
    {
        var kit = new DeviceKit();
        var (deviceCode, userCode) = await kit.StartAsync();
        await kit.Server.ApproveDeviceAuthorizationAsync(userCode, DeviceKit.Alice, cancellationToken: Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => kit.PollAsync(deviceCode), Ct)));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(r.Error!.Error, new[] { "slow_down", "invalid_grant" }));
    }

    [Fact]
    public async Task The_verification_page_finds_a_code_however_the_user_typed_it()
    {
        var kit = new DeviceKit();
        var (_, userCode) = await kit.StartAsync("read write");

        foreach (var typed in new[] { userCode, userCode.ToLowerInvariant(), userCode.Replace("-", "", StringComparison.Ordinal), " " + userCode[..4] + " " + userCode[5..] })
        {
            var pending = await kit.Server.FindDeviceAuthorizationAsync(typed, Ct);
            Assert.NotNull(pending);
            Assert.Equal(userCode, pending.UserCode);
            Assert.Equal("tv", pending.Client.Id);
            Assert.Equal(["read", "write"], pending.Scope);
        }

        foreach (var wrong in new[] { "", "BCDF", userCode + "B", userCode.Replace(userCode[0], userCode[0] == 'B' ? 'C' : 'B'), "AEIO-UAEI", new string('B', 5000) })
        {
            Assert.Null(await kit.Server.FindDeviceAuthorizationAsync(wrong, Ct));
        }
    }

    [Fact]
    public async Task A_user_code_is_decided_once()
    {
        var kit = new DeviceKit();
        var (deviceCode, userCode) = await kit.StartAsync();

        Assert.Equal(DeviceDecisionResult.Approved, await kit.Server.ApproveDeviceAuthorizationAsync(userCode, DeviceKit.Alice, cancellationToken: Ct));

        Assert.Null(await kit.Server.FindDeviceAuthorizationAsync(userCode, Ct));
        Assert.Equal(DeviceDecisionResult.NotFound, await kit.Server.DenyDeviceAuthorizationAsync(userCode, new OAuth2User("mallory"), Ct));
        Assert.Equal(DeviceDecisionResult.NotFound, await kit.Server.ApproveDeviceAuthorizationAsync(userCode, new OAuth2User("mallory"), cancellationToken: Ct));
        Assert.Equal("alice", (await kit.Store.FindDeviceAuthorizationAsync(TokenDigest.Compute(deviceCode), Ct))!.User!.Id);
    }

    [Fact]
    public async Task Of_concurrent_decisions_exactly_one_lands()
    {
        var kit = new DeviceKit();
        var (_, userCode) = await kit.StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(
            async () => i % 2 == 0
                ? await kit.Server.ApproveDeviceAuthorizationAsync(userCode, new OAuth2User("u" + i), cancellationToken: Ct)
                : await kit.Server.DenyDeviceAuthorizationAsync(userCode, new OAuth2User("u" + i), Ct),
            Ct)));

        Assert.Equal(31, results.Count(r => r == DeviceDecisionResult.NotFound));
    }

    [Fact]
    public async Task The_user_may_narrow_the_scope_but_not_widen_it()
    {
        var kit = new DeviceKit();
        var (deviceCode, userCode) = await kit.StartAsync("read write");

        Assert.Equal(DeviceDecisionResult.ScopeRefused, await kit.Server.ApproveDeviceAuthorizationAsync(userCode, DeviceKit.Alice, ["read", "admin"], Ct));
        Assert.Equal(DeviceDecisionResult.Approved, await kit.Server.ApproveDeviceAuthorizationAsync(userCode, DeviceKit.Alice, ["read"], Ct));
        var granted = await kit.PollAsync(deviceCode);

        Assert.Equal(["read"], granted.Value!.Scope);
        Assert.Equal("read", granted.Response.Body!["scope"]);
    }

    [Fact]
    public async Task A_poll_that_loses_to_the_users_decision_is_judged_on_the_new_state()
    {
        var kit = new DeviceKit();
        var (deviceCode, userCode) = await kit.StartAsync();
        var store = new DecidingStore(kit, userCode);
        var racing = new DeviceKit(store: store);

        var result = await racing.PollAsync(deviceCode);

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(1, store.LostUpdates);
    }

    /// <summary>A store over the kit's store whose first poll update loses because the user approves in between.</summary>
    private sealed class DecidingStore(DeviceKit kit, string userCode) : DelegatingOAuth2Store(kit.Store)
    {
        private int _updates;

        public int LostUpdates { get; private set; }

        public override async ValueTask<bool> UpdateDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, long expectedRevision, DeviceAuthorization authorization, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _updates) == 1 && authorization.LastPolledAt is not null)
            {
                await kit.Server.ApproveDeviceAuthorizationAsync(userCode, DeviceKit.Alice, cancellationToken: cancellationToken);
                var won = await base.UpdateDeviceAuthorizationAsync(deviceCodeDigest, expectedRevision, authorization, cancellationToken);
                LostUpdates += won ? 0 : 1;
                return won;
            }

            return await base.UpdateDeviceAuthorizationAsync(deviceCodeDigest, expectedRevision, authorization, cancellationToken);
        }
    }
}
