using OAuth2.Storage.Mongo;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Start-up work for the MongoDB store. There is no hosted service for it, so the package needs no hosting
/// dependency: the application awaits this once, before it serves requests.
/// </summary>
public static class MongoStorageServiceProviderExtensions
{
    /// <summary>
    /// Creates the store's TTL, grant id and unique user code indexes if they do not exist yet (see
    /// <see cref="MongoOAuth2Store.EnsureIndexesAsync"/>). For example: <c>await app.Services.EnsureOAuth2MongoIndexesAsync();</c>
    /// </summary>
    public static ValueTask EnsureOAuth2MongoIndexesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<MongoOAuth2Store>().EnsureIndexesAsync(cancellationToken);
    }
}
