namespace OAuth2.Storage.Conformance;

/// <summary>
/// What a backend supplies to run <see cref="SigningKeyStoreConformanceTests{TFixture}"/>: a fresh, isolated signing
/// key store per test, a second client of the same data (as another server instance would hold), and a raw dump.
/// </summary>
/// <remarks>A backend that is not available calls <c>Assert.Skip("reason")</c> from <see cref="CreateSigningKeyStoreAsync"/>.</remarks>
public interface ISigningKeyStoreFixture
{
    /// <summary>Creates a store that shares no key with any store created before (its own key prefix, database or schema).</summary>
    ValueTask<ISigningKeyStore> CreateSigningKeyStoreAsync(CancellationToken cancellationToken);

    /// <summary>Another store object over the same data as <paramref name="store"/>, with its own connection where that is cheap; the same object by default.</summary>
    ValueTask<ISigningKeyStore> OpenSharedSigningKeyStoreAsync(ISigningKeyStore store, CancellationToken cancellationToken) => ValueTask.FromResult(store);

    /// <summary>Everything the backend holds for <paramref name="store"/>, as text; <c>null</c> when the backend cannot dump (the dump case then only checks the store's own answers).</summary>
    ValueTask<string?> DumpSigningKeysAsync(ISigningKeyStore store, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
