using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>A fresh <see cref="InMemorySigningKeyStore"/> per test; "another instance" is the same object, as in one process.</summary>
public sealed class InMemorySigningKeyStoreFixture : ISigningKeyStoreFixture
{
    public ValueTask<ISigningKeyStore> CreateSigningKeyStoreAsync(CancellationToken cancellationToken)
        => ValueTask.FromResult<ISigningKeyStore>(new InMemorySigningKeyStore());

    public ValueTask<string?> DumpSigningKeysAsync(ISigningKeyStore store, CancellationToken cancellationToken)
        => ValueTask.FromResult<string?>(ObjectGraphDump.Of(store));
}

/// <summary>The signing key store's conformance suite against the in-process store.</summary>
public sealed class InMemorySigningKeyConformanceTests(InMemorySigningKeyStoreFixture fixture)
    : SigningKeyStoreConformanceTests<InMemorySigningKeyStoreFixture>(fixture);
