using OAuth2.Tokens;
using static OAuth2.Storage.InMemory.Tests.StoreBuilder;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>The hot paths stay cheap: lookups allocate nothing, a save allocates a bounded, small amount.</summary>
public sealed class AllocationTests
{
    [Fact]
    public async Task LookupsAllocateNothing()
    {
        var store = new InMemoryStore();
        var access = Digest();
        var refresh = Digest();
        var code = Digest();
        var unknown = Digest();
        await store.SaveTokensAsync(access, Access("g", DateTimeOffset.UtcNow.AddHours(1)), refresh, Refresh("g", null), Ct);
        await store.SaveAuthorizationCodeAsync(code, StoreBuilder.Code("g", DateTimeOffset.UtcNow.AddHours(1)), Ct);
        await store.SaveClientAsync(new Clients.OAuth2Client { Id = "client" }, Ct);
        Lookup(store, access, refresh, code, unknown);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Lookup(store, access, refresh, code, unknown);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task ATokenPairSaveAllocatesLittle()
    {
        var store = new InMemoryStore();
        var expiresAt = DateTimeOffset.UtcNow.AddHours(1);
        var access = Access("g", expiresAt);
        var refresh = Refresh("g", expiresAt);
        var digests = Enumerable.Range(0, 202).Select(_ => Digest()).ToArray();
        await store.SaveTokensAsync(digests[200], access with { GrantId = "warm" }, digests[201], refresh with { GrantId = "warm" }, Ct);
        // As the issuer builds them: the refresh token shares the access token's user and scope list.
        var pairs = Enumerable.Range(0, 100)
            .Select(i => access with { GrantId = "g" + i })
            .Select(a => (Access: a, Refresh: refresh with { GrantId = a.GrantId, User = a.User, Scope = a.Scope }))
            .ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = store.SaveTokensAsync(digests[2 * i], pairs[i].Access, digests[(2 * i) + 1], pairs[i].Refresh, Ct);
        }

        var perPair = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        // Measured about 750 bytes: two record copies, one scope copy, two entries and dictionary nodes, a grant index
        // entry, plus the amortised growth of the maps.
        Assert.InRange(perPair, 1, 1000);
    }

    private static void Lookup(InMemoryStore store, TokenDigest access, TokenDigest refresh, TokenDigest code, TokenDigest unknown)
    {
        var ct = CancellationToken.None;
        Assert.True(store.FindAccessTokenAsync(access, ct).Result is not null);
        Assert.True(store.FindRefreshTokenAsync(refresh, ct).Result is not null);
        Assert.True(store.FindAuthorizationCodeAsync(code, ct).Result is not null);
        Assert.True(store.FindAccessTokenAsync(unknown, ct).Result is null);
        Assert.True(store.FindClientAsync("client", ct).Result is not null);
    }
}
