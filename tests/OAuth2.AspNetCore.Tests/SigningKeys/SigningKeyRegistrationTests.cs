using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OAuth2.DependencyInjection;
using OAuth2.Jwt;
using OAuth2.Jwt.Rotation;
using OAuth2.Storage.InMemory;

namespace OAuth2.AspNetCore.Tests.SigningKeys;

/// <summary>The builder's signing key registrations, without HTTP.</summary>
public sealed class SigningKeyRegistrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oauth2-reg-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static OAuth2ServerBuilder NewBuilder(ServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow));
        return services.AddOAuth2Server(o =>
            {
                o.GrantTypes.Remove(GrantTypes.Password);
                o.JwtAccessTokens = new JwtAccessTokenOptions { Issuer = "https://as.example.com", Audience = "api" };
            })
            .AddInMemoryStorage();
    }

    [Fact]
    public async Task Fixed_keys_load_from_the_files_configuration_names()
    {
        using var active = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var retired = RSA.Create(2048);
        var activePath = Path.Combine(_folder, "active.pem");
        var retiredPath = Path.Combine(_folder, "retired.pem");
        await File.WriteAllTextAsync(activePath, active.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(retiredPath, retired.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Active:Path"] = activePath,
            ["Retired:0:Path"] = retiredPath,
            ["Retired:0:KeyId"] = "2025-rsa",
            ["Retired:0:Algorithm"] = "PS256",
        }).Build();
        var services = new ServiceCollection();
        NewBuilder(services).AddSigningKeys(configuration);
        await using var provider = services.BuildServiceProvider();

        var keys = (await provider.GetRequiredService<OAuth2Server>().GetSigningKeySetAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(JwtSigningKey.FromEcdsa(active).KeyId, keys.Active.KeyId);
        Assert.Equal(("2025-rsa", "PS256"), (keys.Retired.Single().KeyId, keys.Retired.Single().Algorithm));
    }

    [Fact]
    public void Persisted_keys_without_a_protector_refuse_to_start_with_a_clear_error()
    {
        var services = new ServiceCollection();
        NewBuilder(services).AddPersistedSigningKeys();
        using var provider = services.BuildServiceProvider();
        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<OAuth2Server>());
        Assert.Contains("ISigningKeyProtector", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_protected_keys_use_the_registered_store_and_are_sealed_by_Data_Protection()
    {
        var services = new ServiceCollection();
        var store = new InMemorySigningKeyStore();
        services.AddSingleton<OAuth2.Storage.ISigningKeyStore>(store);
        NewBuilder(services).AddDataProtectedSigningKeys();
        await using var provider = services.BuildServiceProvider();

        var keys = (await provider.GetRequiredService<OAuth2Server>().GetSigningKeySetAsync(TestContext.Current.CancellationToken))!;
        var stored = Assert.Single(await store.GetSigningKeysAsync(TestContext.Current.CancellationToken));
        Assert.Equal(keys.Active.KeyId, stored.KeyId);
        Assert.IsNotType<AesGcmSigningKeyProtector>(provider.GetRequiredService<ISigningKeyProtector>());
        using var opened = ECDsa.Create();
        opened.ImportPkcs8PrivateKey(provider.GetRequiredService<ISigningKeyProtector>().Unprotect(stored.ProtectedKey), out _);
        Assert.Throws<CryptographicException>(() => ECDsa.Create().ImportPkcs8PrivateKey(stored.ProtectedKey, out _));
    }
}
