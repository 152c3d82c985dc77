using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OAuth2.Clients;
using OAuth2.Http;
using OAuth2.Jwt;
using OAuth2.Jwt.Rotation;
using OAuth2.Model;
using OAuth2.Security;
using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// The conformance suite of <see cref="ISigningKeyStore"/>, the shared home of rotating JWT signing keys. A backend's
/// test project derives one class from it with a fixture that implements <see cref="ISigningKeyStoreFixture"/>:
/// <code>
/// public sealed class MySigningKeyTests(MyFixture fixture) : SigningKeyStoreConformanceTests&lt;MyFixture&gt;(fixture);
/// </code>
/// The last cases drive the store through two <see cref="PersistedSigningKeyProvider"/>s, as two server instances.
/// </summary>
public abstract class SigningKeyStoreConformanceTests<TFixture> : IClassFixture<TFixture>
    where TFixture : class, ISigningKeyStoreFixture
{
    /// <summary>How many callers insert one generation at once.</summary>
    protected const int ConcurrentCallers = 16;

    private static readonly DateTimeOffset T0 = new(2031, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);

    protected SigningKeyStoreConformanceTests(TFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
    }

    protected TFixture Fixture { get; }

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ValueTask<ISigningKeyStore> NewStoreAsync() => Fixture.CreateSigningKeyStoreAsync(Ct);

    private static StoredSigningKey Key(long generation, string? keyId = null, byte fill = 0x5a) => new()
    {
        Generation = generation,
        KeyId = keyId ?? $"kid-{generation}-{Guid.NewGuid():N}",
        Algorithm = "ES256",
        ProtectedKey = [0x00, 0xff, .. Enumerable.Repeat(fill, 60), 0x80],
        CreatedAt = T0.AddDays(generation),
        ActivatesAt = T0.AddDays(generation).AddHours(6),
    };

    private static void AssertSame(StoredSigningKey expected, StoredSigningKey actual)
    {
        Assert.Equal(expected.Generation, actual.Generation);
        Assert.Equal(expected.KeyId, actual.KeyId);
        Assert.Equal(expected.Algorithm, actual.Algorithm);
        Assert.Equal(expected.ProtectedKey, actual.ProtectedKey);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.ActivatesAt, actual.ActivatesAt);
    }

    [Fact]
    public async Task SigningKeys_RoundTripEveryField_InGenerationOrder()
    {
        var store = await NewStoreAsync();
        Assert.Empty(await store.GetSigningKeysAsync(Ct));
        var keys = new[] { Key(3, fill: 3), Key(1, fill: 1), Key(2, new string('k', ISigningKeyStore.MaxKeyIdLength), 2) with { Algorithm = "PS256" } };
        foreach (var key in keys)
        {
            Assert.True(await store.TryAddSigningKeyAsync(key, Ct));
        }

        var stored = await store.GetSigningKeysAsync(Ct);
        Assert.Equal([1L, 2L, 3L], stored.Select(k => k.Generation));
        foreach (var key in keys)
        {
            AssertSame(key, stored.Single(k => k.Generation == key.Generation));
        }
    }

    [Fact]
    public async Task SigningKeys_AGenerationIsAddedOnce_TheFirstKeyStays()
    {
        var store = await NewStoreAsync();
        var first = Key(1, fill: 1);
        Assert.True(await store.TryAddSigningKeyAsync(first, Ct));
        Assert.False(await store.TryAddSigningKeyAsync(Key(1, fill: 2), Ct));
        AssertSame(first, Assert.Single(await store.GetSigningKeysAsync(Ct)));
    }

    [Fact]
    public async Task SigningKeys_ConcurrentInsertsOfOneGeneration_ExactlyOneWins_AndItsKeyIsStored()
    {
        var store = await NewStoreAsync();
        var shared = await Fixture.OpenSharedSigningKeyStoreAsync(store, Ct);
        var candidates = Enumerable.Range(0, ConcurrentCallers).Select(i => Key(7, $"candidate-{i}", (byte)i)).ToArray();
        var won = await Race.AllAtOnceAsync(ConcurrentCallers, i => (i % 2 == 0 ? store : shared).TryAddSigningKeyAsync(candidates[i], Ct), Ct);

        Assert.Single(won, w => w);
        AssertSame(candidates[Array.IndexOf(won, true)], Assert.Single(await store.GetSigningKeysAsync(Ct)));
    }

    [Fact]
    public async Task SigningKeys_RemoveDeletesOneGeneration_AndAnAbsentOneIsNoError()
    {
        var store = await NewStoreAsync();
        await store.TryAddSigningKeyAsync(Key(1), Ct);
        var second = Key(2);
        await store.TryAddSigningKeyAsync(second, Ct);

        await store.RemoveSigningKeyAsync(1, Ct);
        await store.RemoveSigningKeyAsync(1, Ct);
        await store.RemoveSigningKeyAsync(99, Ct);
        AssertSame(second, Assert.Single(await store.GetSigningKeysAsync(Ct)));
        Assert.True(await store.TryAddSigningKeyAsync(Key(1), Ct)); // a removed generation is free again
    }

    [Fact]
    public async Task SigningKeys_StoresAreIsolated()
    {
        var one = await NewStoreAsync();
        var other = await NewStoreAsync();
        await one.TryAddSigningKeyAsync(Key(1), Ct);
        Assert.Empty(await other.GetSigningKeysAsync(Ct));
        Assert.True(await other.TryAddSigningKeyAsync(Key(1), Ct));
    }

    [Fact]
    public async Task SigningKeys_InvalidKeysAreRefused_AndCancellationIsHonoured()
    {
        var store = await NewStoreAsync();
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryAddSigningKeyAsync(Key(0), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryAddSigningKeyAsync(Key(1, "has space"), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryAddSigningKeyAsync(Key(1) with { ProtectedKey = [] }, Ct));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetSigningKeysAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.TryAddSigningKeyAsync(Key(1), cancelled.Token));
        Assert.Empty(await store.GetSigningKeysAsync(Ct));
    }

    [Fact]
    public async Task Instances_OnOneStore_PublishOneJwks_RotateOnce_AndValidateEachOthersTokens()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var a = new Instance(store, clock);
        var b = new Instance(await Fixture.OpenSharedSigningKeyStoreAsync(store, Ct), clock);
        await Task.WhenAll(a.JwksAsync(), b.JwksAsync());
        Assert.Single(await store.GetSigningKeysAsync(Ct));
        Assert.Equal(await a.JwksAsync(), await b.JwksAsync());
        Assert.True(await b.ValidatesAsync(await a.IssueAsync()));

        // Both instances find the rotation due at once: exactly one next key is made, and both publish it.
        clock.Advance(Instance.Schedule.RotationInterval - Instance.Schedule.PublishAhead + TimeSpan.FromSeconds(1));
        var published = await Task.WhenAll(Task.Run(a.JwksAsync), Task.Run(b.JwksAsync));
        Assert.Equal(2, (await store.GetSigningKeysAsync(Ct)).Count);
        Assert.Equal(published[0], published[1]);

        clock.Advance(Instance.Schedule.PublishAhead - TimeSpan.FromMinutes(1));
        var oldKeyToken = await a.IssueAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        var newKeyToken = await b.IssueAsync();
        Assert.NotEqual(Instance.KeyId(oldKeyToken), Instance.KeyId(newKeyToken));
        Assert.True(await a.ValidatesAsync(newKeyToken));
        Assert.True(await b.ValidatesAsync(oldKeyToken));
        Assert.Equal(await a.JwksAsync(), await b.JwksAsync());
    }

    [Fact]
    public async Task Instances_StoreNoPrivateKeyInTheClear()
    {
        var store = await NewStoreAsync();
        var instance = new Instance(store, new FakeTimeProvider(T0));
        await instance.IssueAsync();
        var stored = Assert.Single(await store.GetSigningKeysAsync(Ct));
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Instance.Protector.Unprotect(stored.ProtectedKey), out _);
        var d = key.ExportParameters(includePrivateParameters: true).D!;
        var pkcs8 = key.ExportPkcs8PrivateKey();
        Assert.Equal(-1, stored.ProtectedKey.AsSpan().IndexOf(d));

        var dump = await Fixture.DumpSigningKeysAsync(store, Ct);
        if (dump is not null)
        {
            Assert.Contains(stored.KeyId, dump, StringComparison.Ordinal); // the dump does hold the key's row
            foreach (var form in new[] { Convert.ToBase64String(d), Base64Url.EncodeToString(d), Convert.ToHexString(d), Convert.ToBase64String(pkcs8), Convert.ToHexString(pkcs8), key.ExportPkcs8PrivateKeyPem() })
            {
                Assert.DoesNotContain(form, dump, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>One server instance: an <see cref="OAuth2Server"/> issuing JWTs with keys from the shared store.</summary>
    private sealed class Instance
    {
        public static readonly SigningKeyRotationOptions Schedule = new()
        {
            RotationInterval = TimeSpan.FromDays(1),
            PublishAhead = TimeSpan.FromHours(6),
            RetiredKeyRetention = TimeSpan.FromHours(1),
            RefreshInterval = TimeSpan.FromMinutes(5),
        };

        public static readonly ISigningKeyProtector Protector = new AesGcmSigningKeyProtector(SHA256.HashData("conformance"u8));

        private const string Secret = "signing-key-conformance-secret-0123456789abcdef";
        private readonly OAuth2Server _server;

        public Instance(ISigningKeyStore store, TimeProvider clock)
        {
            var options = new OAuth2ServerOptions
            {
                JwtAccessTokens = new JwtAccessTokenOptions
                {
                    SigningKeys = new PersistedSigningKeyProvider(store, Protector, Schedule, clock),
                    Issuer = "https://as.example.com",
                    Audience = "https://api.example.com",
                    CheckRevocation = false,
                },
            };
            options.GrantTypes.Clear();
            options.GrantTypes.Add(GrantTypes.ClientCredentials);
            _server = new OAuth2Server(new ClientCredentialsModel(), options, clock);
        }

        public static string KeyId(string jwt)
            => JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;

        public async Task<string> JwksAsync()
            => JsonSerializer.Serialize((await _server.GetSigningKeySetAsync(Ct))!.ToJsonWebKeySet());

        public async Task<string> IssueAsync()
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("svc:" + Secret));
            var result = await _server.TokenAsync(
                new OAuth2Request
                {
                    Method = "POST",
                    Headers = ParameterCollection.From(
                        [new KeyValuePair<string, string>("Content-Type", "application/x-www-form-urlencoded"), new("Authorization", "Basic " + basic)],
                        ignoreCase: true),
                    Form = FormUrlEncoding.Parse("grant_type=client_credentials"),
                },
                Ct);
            Assert.True(result.Succeeded, result.Error?.Description);
            return result.Value.AccessToken;
        }

        public async Task<bool> ValidatesAsync(string jwt)
            => (await _server.AuthenticateAsync(
                new OAuth2Request
                {
                    Method = "GET",
                    Headers = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "Bearer " + jwt)], ignoreCase: true),
                },
                null,
                Ct)).Succeeded;

        /// <summary>Just enough model for client credentials: one client, tokens not kept (the JWT speaks for itself).</summary>
        private sealed class ClientCredentialsModel : IClientModel, IClientCredentialsModel, ITokenModel
        {
            private static readonly OAuth2Client Client = new()
            {
                Id = "svc",
                SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret),
                Grants = [GrantTypes.ClientCredentials],
            };

            public ValueTask<OAuth2Client?> GetClientAsync(string clientId, CancellationToken cancellationToken)
                => ValueTask.FromResult(clientId == Client.Id ? Client : null);

            public ValueTask<OAuth2User?> GetUserFromClientAsync(OAuth2Client client, CancellationToken cancellationToken)
                => ValueTask.FromResult<OAuth2User?>(new OAuth2User("svc"));

            public ValueTask<Token> SaveTokenAsync(Token token, CancellationToken cancellationToken) => ValueTask.FromResult(token);

            public ValueTask RevokeGrantAsync(string grantId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        }
    }
}
