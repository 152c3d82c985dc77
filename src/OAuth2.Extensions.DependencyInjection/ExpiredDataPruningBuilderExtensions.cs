using Microsoft.Extensions.Configuration;
using OAuth2.DependencyInjection;
using OAuth2.DependencyInjection.Pruning;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddOAuth2Server(…).AddPostgreSqlStorage(…).AddExpiredDataPruning()</c>.</summary>
public static class ExpiredDataPruningBuilderExtensions
{
    /// <summary>
    /// Runs <see cref="ExpiredDataPruningService"/> in the host: expired tokens, codes and device authorizations are
    /// deleted every <see cref="ExpiredDataPruningOptions.Interval"/> (5 minutes) in batches of
    /// <see cref="ExpiredDataPruningOptions.BatchSize"/> (1,000), one server instance at a time where several share a
    /// database. A store that expires data natively and has no pruner (Redis) needs nothing: the service then idles.
    /// Calling it again only adds configuration. Invalid options fail at start-up.
    /// </summary>
    public static OAuth2ServerBuilder AddExpiredDataPruning(this OAuth2ServerBuilder builder, Action<ExpiredDataPruningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ExpiredDataPruningOptions>()
            .Validate(o => o.Validate() is null, "Invalid expired-data pruning options (Interval 1 s to 1 day, BatchSize 1 to 100,000).")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddHostedService<ExpiredDataPruningService>();
        return builder;
    }

    /// <summary>
    /// As <see cref="AddExpiredDataPruning(OAuth2ServerBuilder, Action{ExpiredDataPruningOptions}?)"/>, with the
    /// options bound from <paramref name="configuration"/> (e.g. <c>configuration.GetSection("OAuth2:Pruning")</c>:
    /// <c>Enabled</c>, <c>Interval</c> as <c>00:05:00</c>, <c>BatchSize</c>).
    /// </summary>
    public static OAuth2ServerBuilder AddExpiredDataPruning(this OAuth2ServerBuilder builder, IConfiguration configuration, Action<ExpiredDataPruningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddExpiredDataPruning(configure: null);
        builder.Services.AddOptions<ExpiredDataPruningOptions>().Bind(configuration);
        if (configure is not null)
        {
            builder.Services.AddOptions<ExpiredDataPruningOptions>().Configure(configure);
        }

        return builder;
    }
}
