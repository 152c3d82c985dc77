using System.Collections.Frozen;
using OAuth2.DependencyInjection;

namespace OAuth2.Sample.Server.Storage;

/// <summary>
/// Picks the store named by <c>OAuth2:Storage</c>. Adding a backend is one line in <see cref="Providers"/>
/// (e.g. <c>["Redis"] = (b, c) => b.AddRedisStorage(c.GetConnectionString("Redis")!)</c>); each takes its connection
/// string from <c>ConnectionStrings:&lt;name&gt;</c>.
/// </summary>
public static class SampleStorage
{
    /// <summary>Storage names (case-insensitive) and how each registers itself on the server builder.</summary>
    public static readonly FrozenDictionary<string, Action<OAuth2ServerBuilder, IConfiguration>> Providers =
        new Dictionary<string, Action<OAuth2ServerBuilder, IConfiguration>>(StringComparer.OrdinalIgnoreCase)
        {
            ["InMemory"] = (builder, _) => builder.AddInMemoryStorage(),
            ["Redis"] = (builder, c) => builder.AddRedisStorage(RedisConnection(c)),
            ["Sqlite"] = (builder, c) => builder.AddSqliteStorage(c.GetConnectionString("Sqlite") ?? "Data Source=oauth2-sample.db"),
            ["PostgreSql"] = (builder, c) => builder.AddPostgreSqlStorage(Required(c, "PostgreSql")),
            ["SqlServer"] = (builder, c) => builder.AddSqlServerStorage(Required(c, "SqlServer")),
            ["Mongo"] = (builder, c) => builder.AddMongoStorage(Required(c, "Mongo"), c["OAuth2:MongoDatabase"] ?? "oauth2_sample"),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The Redis connection: replies complete on the .NET thread pool (this app is async throughout), which on a
    /// small host beats StackExchange.Redis's dedicated threads; <c>OAuth2:RedisDedicatedIoThreads=true</c> keeps those.
    /// </summary>
    private static StackExchange.Redis.ConfigurationOptions RedisConnection(IConfiguration configuration)
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(Required(configuration, "Redis"));
        if (!configuration.GetValue("OAuth2:RedisDedicatedIoThreads", false))
        {
            options.SocketManager = StackExchange.Redis.SocketManager.ThreadPool;
        }

        return options;
    }

    private static string Required(IConfiguration configuration, string name)
        => configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"OAuth2:Storage is {name} but ConnectionStrings:{name} is not set.");

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
