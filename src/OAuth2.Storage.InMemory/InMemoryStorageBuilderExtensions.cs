using OAuth2.DependencyInjection;
using OAuth2.Storage.InMemory;

// Extension methods for the builder live in this namespace so they show up without an extra using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>services.AddOAuth2Server(…).AddInMemoryStorage()</c>.</summary>
public static class InMemoryStorageBuilderExtensions
{
    /// <summary>
    /// The embedded in-memory store: for development, tests and single-instance servers that may lose tokens on
    /// restart. Expiry follows the registered <see cref="TimeProvider"/> (the system clock when none is).
    /// </summary>
    public static OAuth2ServerBuilder AddInMemoryStorage(this OAuth2ServerBuilder builder)
        => builder.AddStore(sp => new InMemoryStore(sp.GetService<TimeProvider>() ?? TimeProvider.System));
}
