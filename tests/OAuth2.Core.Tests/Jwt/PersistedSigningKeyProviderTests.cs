using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using OAuth2.Jwt;
using OAuth2.Jwt.Rotation;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;
using static OAuth2.Core.Tests.Jwt.JwtTestKit;

namespace OAuth2.Core.Tests.Jwt;

public sealed class PersistedSigningKeyProviderTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private static SigningKeyRotationOptions Schedule() => new()
    {
        RotationInterval = TimeSpan.FromDays(1),
        PublishAhead = TimeSpan.FromHours(6),
        RetiredKeyRetention = Lifetime,
        RefreshInterval = TimeSpan.FromMinutes(5),
    };

    private static AesGcmSigningKeyProtector Protector() => new(new byte[32]);

    private static PersistedSigningKeyProvider Provider(ISigningKeyStore store, TimeProvider clock, SigningKeyRotationOptions? options = null)
        => new(store, Protector(), options ?? Schedule(), clock);

    [Fact]
    public async Task Rotating_while_tokens_are_live_keeps_old_tokens_valid_and_signs_new_ones_with_the_new_kid()
    {
        var clock = NewClock();
        var store = new InMemorySigningKeyStore();
        var server = NewServer(Provider(store, clock), clock, Lifetime);
        var before = await IssueAsync(server);
        Assert.Single(PublishedKeyIds(server));

        // Six hours before the rotation the next key is published, but the active key still signs.
        clock.Advance(TimeSpan.FromHours(18) + TimeSpan.FromMinutes(1));
        var published = PublishedKeyIds(server);
        Assert.Equal(2, published.Length);
        Assert.Equal(KeyIdOf(before), KeyIdOf(await IssueAsync(server)));

        clock.Advance(TimeSpan.FromHours(6));
        var beforeRotation = await IssueAsync(server);
        Assert.Equal(published[1], KeyIdOf(beforeRotation));
        Assert.Equal([published[1], published[0]], PublishedKeyIds(server)); // active first, the retired one after
        Assert.Equal(2, (await store.GetSigningKeysAsync(Ct)).Count);
    }

    [Fact]
    public async Task A_retired_keys_tokens_validate_until_they_expire_and_are_refused_once_the_key_is_dropped()
    {
        var clock = NewClock();
        var store = new InMemorySigningKeyStore();
        // This client's tokens live longer than the retention (a misconfiguration) so the drop itself is visible.
        var longLived = Endpoints.EndpointTestKit.Confidential with { AccessTokenLifetime = TimeSpan.FromHours(5) };
        var server = NewServer(Provider(store, clock), clock, Lifetime, longLived);
        await IssueAsync(server);
        clock.Advance(TimeSpan.FromHours(18) + TimeSpan.FromMinutes(1)); // traffic in the publish-ahead window makes the next key
        await IssueAsync(server);
        clock.Advance(TimeSpan.FromHours(6) - TimeSpan.FromMinutes(2));
        var lastOfTheOldKey = await IssueAsync(server);
        var oldKid = KeyIdOf(lastOfTheOldKey);

        clock.Advance(TimeSpan.FromMinutes(1) + Lifetime - TimeSpan.FromMinutes(1));
        Assert.NotEqual(oldKid, KeyIdOf(await IssueAsync(server)));
        Assert.True((await AuthenticateAsync(server, lastOfTheOldKey)).Succeeded);

        clock.Advance(TimeSpan.FromMinutes(2));
        var refused = await AuthenticateAsync(server, lastOfTheOldKey);
        Assert.Equal("invalid_token", refused.Error?.Error);
        Assert.DoesNotContain("expired", refused.Error!.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(oldKid, PublishedKeyIds(server));
        await Provider(store, clock).GetSigningKeysAsync(Ct); // a fresh instance reads (and prunes) the store
        Assert.DoesNotContain(await store.GetSigningKeysAsync(Ct), k => k.KeyId == oldKid);
    }

    [Fact]
    public async Task Two_instances_on_one_store_publish_one_JWKS_and_validate_each_others_tokens_across_a_rotation()
    {
        var clock = NewClock();
        var store = new InMemorySigningKeyStore();
        var a = NewServer(Provider(store, clock), clock, Lifetime);
        var b = NewServer(Provider(store, clock), clock, Lifetime);
        var fromA = await IssueAsync(a);
        Assert.True((await AuthenticateAsync(b, fromA)).Succeeded);
        Assert.Equal(PublishedKeyIds(a), PublishedKeyIds(b));

        clock.Advance(TimeSpan.FromHours(18) + TimeSpan.FromMinutes(1));
        Assert.Equal(2, PublishedKeyIds(a).Length); // a makes the next key; b learns it from the store
        clock.Advance(TimeSpan.FromHours(6) - TimeSpan.FromMinutes(2));
        fromA = await IssueAsync(a); // the old key's last minutes
        clock.Advance(TimeSpan.FromMinutes(2));
        var fromB = await IssueAsync(b); // the new key
        Assert.Equal(PublishedKeyIds(a), PublishedKeyIds(b));
        Assert.NotEqual(KeyIdOf(fromA), KeyIdOf(fromB));
        Assert.True((await AuthenticateAsync(a, fromB)).Succeeded);
        Assert.True((await AuthenticateAsync(b, fromA)).Succeeded);
    }

    [Fact]
    public async Task Instances_rotating_at_once_make_exactly_one_new_key()
    {
        var clock = new FakeTimeProvider(Endpoints.EndpointTestKit.Now);
        var store = new InMemorySigningKeyStore();
        var providers = Enumerable.Range(0, 8).Select(_ => Provider(store, clock)).ToArray();
        await Task.WhenAll(providers.Select(p => Task.Run(async () => await p.GetSigningKeysAsync(Ct))));
        clock.Advance(TimeSpan.FromHours(19));
        var sets = await Task.WhenAll(providers.Select(p => Task.Run(async () => await p.GetSigningKeysAsync(Ct))));

        Assert.Equal([1L, 2L], (await store.GetSigningKeysAsync(Ct)).Select(k => k.Generation));
        Assert.Single(sets.Select(s => s.Active.KeyId).Distinct());
        Assert.Single(sets.Select(s => s.Next.Single().KeyId).Distinct());
    }

    [Fact]
    public async Task Stored_keys_hold_no_private_key_in_the_clear()
    {
        var clock = NewClock();
        var store = new InMemorySigningKeyStore();
        var set = await Provider(store, clock).GetSigningKeysAsync(Ct);
        var stored = Assert.Single(await store.GetSigningKeysAsync(Ct));

        var pkcs8 = Protector().Unprotect(stored.ProtectedKey);
        using var opened = ECDsa.Create();
        opened.ImportPkcs8PrivateKey(pkcs8, out _);
        Assert.Equal(set.Active.KeyId, JwtSigningKey.FromEcdsa(opened).KeyId); // it is the signing key...
        var d = opened.ExportParameters(includePrivateParameters: true).D!;
        Assert.Equal(-1, stored.ProtectedKey.AsSpan().IndexOf(d)); // ...but the stored bytes do not hold its private scalar
        Assert.Equal(-1, stored.ProtectedKey.AsSpan().IndexOf(pkcs8));
        Assert.ThrowsAny<CryptographicException>(() => new AesGcmSigningKeyProtector(Enumerable.Repeat((byte)7, 32).ToArray()).Unprotect(stored.ProtectedKey));
    }

    [Fact]
    public void Without_a_protector_persisted_keys_are_refused_at_construction()
    {
        var e = Assert.Throws<ArgumentNullException>(() => new PersistedSigningKeyProvider(new InMemorySigningKeyStore(), null!, Schedule(), TimeProvider.System));
        Assert.Contains("ISigningKeyProtector", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retention_shorter_than_the_access_token_lifetime_is_refused_by_the_server()
    {
        var clock = NewClock();
        Assert.Throws<OAuth2.Errors.InvalidArgumentException>(() => NewServer(Provider(new InMemorySigningKeyStore(), clock), clock, TimeSpan.FromHours(2)));
        Assert.Throws<ArgumentException>(() => Provider(new InMemorySigningKeyStore(), clock, new SigningKeyRotationOptions { PublishAhead = TimeSpan.FromDays(40) }));
    }

    [Fact]
    public async Task When_the_store_goes_away_the_keys_already_read_keep_working()
    {
        var clock = NewClock();
        var inner = new InMemorySigningKeyStore();
        var store = Substitute.For<ISigningKeyStore>();
        store.GetSigningKeysAsync(Arg.Any<CancellationToken>()).Returns(ci => inner.GetSigningKeysAsync(ci.Arg<CancellationToken>()));
        store.TryAddSigningKeyAsync(Arg.Any<StoredSigningKey>(), Arg.Any<CancellationToken>()).Returns(ci => inner.TryAddSigningKeyAsync(ci.Arg<StoredSigningKey>(), ci.Arg<CancellationToken>()));
        var server = NewServer(Provider(store, clock), clock, Lifetime);
        var token = await IssueAsync(server);

        store.GetSigningKeysAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new StorageUnavailableException());
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True((await AuthenticateAsync(server, token)).Succeeded);
        Assert.Equal(KeyIdOf(token), KeyIdOf(await IssueAsync(server)));
    }
}
