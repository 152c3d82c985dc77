using OAuth2.Clients;
using OAuth2.Tokens;
using static OAuth2.Storage.InMemory.Tests.StoreBuilder;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>Stored state cannot be changed from outside, and bad arguments are refused before anything is written.</summary>
public sealed class SafetyTests
{
    [Fact]
    public async Task ReturnedCollectionsCannotBeCastBackAndChanged()
    {
        var store = new InMemoryStore();
        var digest = Digest();
        var token = Access("g", DateTimeOffset.UtcNow.AddHours(1)) with
        {
            Scope = new List<string> { "read" },
            ExtendedAttributes = new Dictionary<string, string> { ["a"] = "1" },
            User = new OAuth2User("u") { Properties = new Dictionary<string, string> { ["p"] = "1" } },
        };
        await store.SaveTokensAsync(digest, token, null, null, Ct);
        var found = (await store.FindAccessTokenAsync(digest, Ct))!;

        Assert.ThrowsAny<NotSupportedException>(() => ((IList<string>)found.Scope)[0] = "admin");
        Assert.ThrowsAny<NotSupportedException>(() => ((IDictionary<string, string>)found.ExtendedAttributes)["a"] = "2");
        Assert.ThrowsAny<NotSupportedException>(() => ((IDictionary<string, string>)found.User.Properties)["p"] = "2");
        var again = (await store.FindAccessTokenAsync(digest, Ct))!;
        Assert.Equal(["read"], again.Scope);
        Assert.Equal("1", again.ExtendedAttributes["a"]);
    }

    [Fact]
    public async Task AClientsListsAreCopiedOnSave()
    {
        var store = new InMemoryStore();
        var uris = new[] { "https://app.example.com/cb" };
        await store.SaveClientAsync(new OAuth2Client { Id = "c", RedirectUris = uris, Scopes = uris }, Ct);

        uris[0] = "https://evil.example.com/cb";

        var found = (await store.FindClientAsync("c", Ct))!;
        Assert.Equal(["https://app.example.com/cb"], found.RedirectUris);
        Assert.Equal(["https://app.example.com/cb"], found.Scopes!);
    }

    [Fact]
    public async Task ARecordReadBackIsSavedAgainWithoutCopying()
    {
        var store = new InMemoryStore();
        var first = Digest();
        var second = Digest();
        await store.SaveAuthorizationCodeAsync(first, StoreBuilder.Code("g", DateTimeOffset.UtcNow.AddHours(1)) with { Scope = ["a", "b"] }, Ct);
        var stored = (await store.FindAuthorizationCodeAsync(first, Ct))!;

        await store.SaveAuthorizationCodeAsync(second, stored, Ct);

        Assert.Same(stored, await store.FindAuthorizationCodeAsync(second, Ct));
    }

    [Fact]
    public async Task ARefreshTokenWithoutItsDigestIsRefusedAndNothingIsWritten()
    {
        var store = new InMemoryStore();
        var access = Digest();
        var expiresAt = DateTimeOffset.UtcNow.AddHours(1);

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.SaveTokensAsync(access, Access("g", expiresAt), null, Refresh("g", null), Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.SaveTokensAsync(access, Access("g", expiresAt), Digest(), null, Ct));

        Assert.Null(await store.FindAccessTokenAsync(access, Ct));
    }

    [Fact]
    public async Task NullArgumentsAreRefused()
    {
        var store = new InMemoryStore();

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.FindAccessTokenAsync(null!, Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.SaveAuthorizationCodeAsync(Digest(), null!, Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.FindClientAsync(null!, Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.RevokeTokensOfGrantAsync(null!, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.PruneExpiredAsync(0, Ct));
    }
}
