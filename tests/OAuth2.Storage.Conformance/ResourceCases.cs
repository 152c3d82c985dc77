using OAuth2.Clients;
using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Resource indicators (RFC 8707): the resources a client is registered for, the resources a code, a device
/// authorization and a refresh token carry, and an access token's audience survive a round trip in content and order,
/// with URIs as awkward as registration allows (query, port, unicode percent-encoded, near the length limit).
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    private static readonly IReadOnlyList<string> SomeResources =
    [
        "https://api.example.com/",
        "https://files.example.com:8443/v2?tenant=" + Uri.EscapeDataString("Zoë"),
        "urn:example:resource:" + new string('r', 1900),
        "https://a.example.com",
    ];

    [Fact]
    public async Task Resources_ClientRoundTripsItsRegisteredResources()
    {
        var store = await NewStoreAsync();
        var client = Data.RichClient() with { Resources = SomeResources };

        await store.SaveClientAsync(client, Ct);

        var found = await store.FindClientAsync(client.Id, Ct);
        RecordAssert.Equal(client, found);
        Rule.Same(SomeResources.Count, found!.Resources.Count, "Resources: client round trips its registered resources: found!.Resources.Count");
    }

    [Fact]
    public async Task Resources_ClientWithoutResourcesReadsBackEmpty()
    {
        var store = await NewStoreAsync();
        var client = Data.Client() with { Resources = SomeResources };
        await store.SaveClientAsync(client, Ct);

        // Re-registration without resources must clear them, not keep the old list.
        var cleared = client with { Resources = [] };
        await store.SaveClientAsync(cleared, Ct);

        var found = await store.FindClientAsync(client.Id, Ct);
        RecordAssert.Equal(cleared, found);
    }

    [Fact]
    public async Task Resources_CodeRoundTripsItsResources()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var code = Data.RichCode() with { Resources = SomeResources };

        await store.SaveAuthorizationCodeAsync(digest, code, Ct);

        RecordAssert.Equal(code, await store.FindAuthorizationCodeAsync(digest, Ct));
    }

    [Fact]
    public async Task Resources_RedeemedCodeKeepsItsResources()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var code = Data.Code() with { Resources = SomeResources };
        await store.SaveAuthorizationCodeAsync(digest, code, Ct);

        var redemption = await store.RedeemAuthorizationCodeAsync(digest, Clock.GetUtcNow(), Ct);

        Assert.True(redemption.Won);
        var found = await store.FindAuthorizationCodeAsync(digest, Ct);
        RecordAssert.Equal(code with { RedeemedAt = Clock.GetUtcNow() }, found);
    }

    [Fact]
    public async Task Resources_DeviceAuthorizationRoundTripsAndUpdatesKeepTheResources()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var authorization = Data.DeviceAuthorization() with { Resources = SomeResources };
        Assert.True(await store.SaveDeviceAuthorizationAsync(device, user, authorization, Ct));
        RecordAssert.Equal(authorization, await store.FindDeviceAuthorizationAsync(device, Ct));

        // The user's decision replaces the record; the resources the device asked for go with it.
        var approved = authorization with
        {
            Status = DeviceAuthorizationStatus.Approved,
            User = Data.User(),
            Revision = authorization.Revision + 1,
        };
        Assert.True(await store.UpdateDeviceAuthorizationAsync(device, authorization.Revision, approved, Ct));

        RecordAssert.Equal(approved, await store.FindDeviceAuthorizationAsync(device, Ct));
    }

    [Fact]
    public async Task Resources_AccessTokenAudienceAndRefreshTokenResourcesRoundTrip()
    {
        var store = await NewStoreAsync();
        var (accessDigest, refreshDigest) = (Data.Digest(), Data.Digest());

        // A refresh that narrowed the access token to one resource: the refresh token keeps the whole grant.
        var access = Data.RichAccessToken() with { Audience = [SomeResources[1]] };
        var refresh = Data.RefreshTokenFor(access) with { Resources = SomeResources };

        await store.SaveTokensAsync(accessDigest, access, refreshDigest, refresh, Ct);

        RecordAssert.Equal(access, await store.FindAccessTokenAsync(accessDigest, Ct));
        RecordAssert.Equal(refresh, await store.FindRefreshTokenAsync(refreshDigest, Ct));
    }

    [Fact]
    public async Task Resources_TokensWithoutAudienceReadBackEmpty()
    {
        var store = await NewStoreAsync();
        var (accessDigest, refreshDigest) = (Data.Digest(), Data.Digest());
        var access = Data.AccessToken();
        var refresh = Data.RefreshTokenFor(access);

        await store.SaveTokensAsync(accessDigest, access, refreshDigest, refresh, Ct);

        var foundAccess = await store.FindAccessTokenAsync(accessDigest, Ct);
        var foundRefresh = await store.FindRefreshTokenAsync(refreshDigest, Ct);
        RecordAssert.Equal(access, foundAccess);
        RecordAssert.Equal(refresh, foundRefresh);
        Rule.Same(0, foundAccess!.Audience.Count, "Resources: tokens without audience read back empty: foundAccess!.Audience.Count");
        Rule.Same(0, foundRefresh!.Resources.Count, "Resources: tokens without audience read back empty: foundRefresh!.Resources.Count");
    }

    [Fact]
    public async Task Resources_RotatedRefreshTokenKeepsItsResources()
    {
        var store = await NewStoreAsync();
        var (accessDigest, refreshDigest) = (Data.Digest(), Data.Digest());
        var access = Data.AccessToken() with { Audience = SomeResources };
        var refresh = Data.RefreshTokenFor(access) with { Resources = SomeResources };
        await store.SaveTokensAsync(accessDigest, access, refreshDigest, refresh, Ct);

        Assert.True((await store.RedeemRefreshTokenAsync(refreshDigest, Clock.GetUtcNow(), Ct)).Won);

        RecordAssert.Equal(refresh with { RedeemedAt = Clock.GetUtcNow() }, await store.FindRefreshTokenAsync(refreshDigest, Ct));
    }
}
