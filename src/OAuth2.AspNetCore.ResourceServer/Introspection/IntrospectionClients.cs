using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OAuth2.AspNetCore.ResourceServer.Introspection;

/// <summary>The per-scheme clients (connection pool, discovered endpoint, cache) that outlive one request's handler.</summary>
internal sealed class IntrospectionClients(ILoggerFactory loggerFactory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IntrospectionClient>> _clients = new(StringComparer.Ordinal);

    public IntrospectionClient Get(string scheme, OAuth2IntrospectionOptions options)
        => _clients.GetOrAdd(scheme, _ => new Lazy<IntrospectionClient>(() => new IntrospectionClient(options, loggerFactory.CreateLogger("OAuth2.AspNetCore.ResourceServer.Introspection")))).Value;

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}
