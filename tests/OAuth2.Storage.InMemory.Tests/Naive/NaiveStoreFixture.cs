using System.Text.Json;
using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.InMemory.Tests.Naive;

/// <summary>
/// The fixture the same hurried user would write. Its dump serialises the store with System.Text.Json, which sees
/// no public properties and writes <c>{}</c>: a dump that shows nothing, so it could not show a leak either.
/// </summary>
public sealed class NaiveStoreFixture : StoreFixture
{
    public override ValueTask<IOAuth2Store> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IOAuth2Store>(new NaiveStore(timeProvider));

    public override ValueTask<string?> DumpAsync(IOAuth2Store store, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(JsonSerializer.Serialize<object>(store));
}
