using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OAuth2;
using OAuth2.DependencyInjection;
using OAuth2.DependencyInjection.Diagnostics;
using OAuth2.Diagnostics;
using OAuth2.Storage;
using OAuth2.Storage.Caching;
using OAuth2.Storage.InMemory;
using OAuth2.Throttling;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the OAuth 2.0 server: options, clock, the <see cref="OAuth2Server"/> singleton over a store and a policy,
/// and the <see cref="FailedAuthenticationThrottle"/> over an <see cref="IFailedAttemptStore"/> (in-process unless a
/// storage package registers a shared one).
/// </summary>
public static class OAuth2ServiceCollectionExtensions
{
    /// <summary>Adds the server, configuring its options in code. Chain a storage (e.g. <c>AddInMemoryStorage()</c>) and a policy.</summary>
    public static OAuth2ServerBuilder AddOAuth2Server(this IServiceCollection services, Action<OAuth2ServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<OAuth2ServerOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreateTelemetry);
        services.TryAddSingleton(CreateServer);

        // Failed-authentication throttling is on by default. The in-process counter is the fallback: a storage
        // package's IFailedAttemptStore (registered with Add/Replace, before or after this call) wins over it.
        services.AddOptions<FailedAuthenticationOptions>();
        services.TryAddSingleton<IFailedAttemptStore>(_ => new InMemoryFailedAttemptStore());
        services.TryAddSingleton(sp => new FailedAuthenticationThrottle(
            sp.GetRequiredService<IFailedAttemptStore>(),
            sp.GetRequiredService<IOptions<FailedAuthenticationOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));

        // private_key_jwt replay protection: the in-process cache is the fallback, a storage package's shared
        // IReplayCache wins over it; options that name a cache themselves keep theirs.
        services.TryAddSingleton<IReplayCache>(_ => new InMemoryReplayCache());
        services.AddOptions<OAuth2ServerOptions>().PostConfigure<IReplayCache>((options, cache) => options.ClientAssertions.ReplayCache ??= cache);

        // DPoP proofs (RFC 9449) remember their jti in the same cache, under their own key prefix.
        services.AddOptions<OAuth2ServerOptions>().PostConfigure<IReplayCache>((options, cache) =>
        {
            options.Dpop ??= new OAuth2.Dpop.DpopOptions();
            options.Dpop.ReplayCache ??= cache;
        });
        return new OAuth2ServerBuilder(services);
    }

    /// <summary>Adds the server with its options bound from configuration (e.g. <c>configuration.GetSection("OAuth2")</c>).</summary>
    public static OAuth2ServerBuilder AddOAuth2Server(this IServiceCollection services, IConfiguration configuration, Action<OAuth2ServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOAuth2Server(configure: null);
        services.AddOptions<OAuth2ServerOptions>().Bind(configuration);
        services.AddOptions<FailedAuthenticationOptions>().Bind(configuration.GetSection("FailedAuthentication"));
        if (configure is not null)
        {
            services.AddOptions<OAuth2ServerOptions>().Configure(configure);
        }

        return builder;
    }

    private static OAuth2Server CreateServer(IServiceProvider services)
    {
        var store = services.GetService<IOAuth2Store>()
            ?? throw new InvalidOperationException("No OAuth2 store is registered: chain AddInMemoryStorage() or a storage package's Add...Storage() onto AddOAuth2Server().");
        if (store is not CachingClientStore && services.GetService<ClientCacheOptions>() is not null)
        {
            throw new InvalidOperationException(
                "AddClientCache was called before the storage registration that replaced it: call AddClientCache() after Add...Storage().");
        }

        var policy = services.GetService<StoreModelPolicy>();
        var options = services.GetRequiredService<IOptions<OAuth2ServerOptions>>().Value;
        var telemetry = services.GetRequiredService<OAuth2Telemetry>();
        try
        {
            var instrumented = new InstrumentedOAuth2Store(store, telemetry);
            var pushed = services.GetService<IPushedAuthorizationStore>();
            var model = new StoreBackedModel(instrumented, policy) { PushedAuthorizations = pushed is null ? null : instrumented.Instrument(pushed) };
            return new OAuth2Server(model, options, services.GetRequiredService<TimeProvider>(), telemetry);
        }
        catch (OAuth2.Errors.InvalidArgumentException e)
        {
            var logger = services.GetService<ILoggerFactory>()?.CreateLogger(ServerLog.Category) ?? NullLogger.Instance;
            ServerLog.InvalidConfiguration(logger, e.Message, e);
            throw;
        }
    }

    /// <summary>The server's telemetry over the host's logging, metrics (<see cref="IMeterFactory"/>) and audit sinks, each optional.</summary>
    private static OAuth2Telemetry CreateTelemetry(IServiceProvider services)
        => new(
            services.GetService<ILoggerFactory>(),
            services.GetService<IMeterFactory>(),
            services.GetServices<IOAuth2AuditSink>(),
            services.GetRequiredService<TimeProvider>());
}
