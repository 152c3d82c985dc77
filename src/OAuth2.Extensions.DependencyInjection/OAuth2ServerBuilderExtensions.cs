using Microsoft.Extensions.DependencyInjection.Extensions;
using OAuth2.DependencyInjection;
using OAuth2.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The application policy for <see cref="OAuth2ServerBuilder"/>; storage comes from a storage package's <c>Add…Storage</c>.</summary>
public static class OAuth2ServerBuilderExtensions
{
    /// <summary>The application policy (users, scope decisions) the store-backed model runs with.</summary>
    public static OAuth2ServerBuilder AddPolicy(this OAuth2ServerBuilder builder, StoreModelPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return builder.AddPolicy(_ => policy);
    }

    /// <summary>The application policy, built from services (e.g. a user repository).</summary>
    public static OAuth2ServerBuilder AddPolicy(this OAuth2ServerBuilder builder, Func<IServiceProvider, StoreModelPolicy> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }
}
