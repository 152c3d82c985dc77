using StackExchange.Redis;

namespace OAuth2.Storage.Redis;

/// <summary>
/// Holds the multiplexer <c>AddRedisStorage</c> opened from a configuration string or
/// <see cref="ConfigurationOptions"/>: connected on first use, disposed with the service provider. A multiplexer
/// supplied by the app is never owned.
/// </summary>
internal sealed class RedisConnectionOwner(ConfigurationOptions configuration) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection = new(() => ConnectionMultiplexer.Connect(configuration));

    public ConfigurationOptions Configuration => configuration;

    public IConnectionMultiplexer Connection => _connection.Value;

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }
}
