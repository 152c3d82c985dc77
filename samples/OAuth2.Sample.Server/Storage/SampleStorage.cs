using System.Collections.Frozen;
using OAuth2.DependencyInjection;

namespace OAuth2.Sample.Server.Storage;

/// <summary>
/// Picks the store named by <c>OAuth2:Storage</c>. Adding a backend is one line in <see cref="Providers"/>
/// (e.g. <c>["Redis"] = (b, c) => b.AddRedisStorage(c.GetConnectionString("Redis")!)</c>).
/// </summary>
public static class SampleStorage
{
    /// <summary>Storage names (case-insensitive) and how each registers itself on the server builder.</summary>
    public static readonly FrozenDictionary<string, Action<OAuth2ServerBuilder, IConfiguration>> Providers =
        new Dictionary<string, Action<OAuth2ServerBuilder, IConfiguration>>(StringComparer.OrdinalIgnoreCase)
        {
            ["InMemory"] = (builder, _) => builder.AddInMemoryStorage(),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers the configured store; an unknown name stops start-up with the list of known ones.</summary>
    public static OAuth2ServerBuilder AddConfiguredStorage(this OAuth2ServerBuilder builder, string? storage, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = string.IsNullOrWhiteSpace(storage) ? "InMemory" : storage.Trim();
        if (!Providers.TryGetValue(name, out var register))
        {
            throw new InvalidOperationException(
                $"Unknown OAuth2:Storage value '{name}'. Supported: {string.Join(", ", Providers.Keys.Order(StringComparer.Ordinal))}.");
        }

        register(builder, configuration);
        return builder;
    }
}
