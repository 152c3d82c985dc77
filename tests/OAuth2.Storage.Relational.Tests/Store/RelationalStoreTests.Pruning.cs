using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OAuth2.DependencyInjection.Pruning;
using OAuth2.Tests.Support;

namespace OAuth2.Storage.Relational.Tests.Store;

public abstract partial class RelationalStoreTests<TFixture>
{
    [Fact]
    public async Task Pruning_removes_only_expired_rows_in_batches()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 10; i++)
        {
            await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("old", Samples.Now.AddSeconds(-i)), null, null, Ct);
        }

        for (var i = 1; i <= 5; i++)
        {
            await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("live", Samples.Now.AddSeconds(i)), null, null, Ct);
        }

        for (var i = 0; i < 4; i++)
        {
            await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("old", Samples.Now.AddMinutes(-1)), Samples.Digest(Samples.NewToken()), Samples.Refresh("old", Samples.Now.AddMinutes(-1)), Ct);
        }

        await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("live", Samples.Now.AddMinutes(1)), Samples.Digest(Samples.NewToken()), Samples.Refresh("live", null), Ct);
        var liveCode = Samples.Digest(Samples.NewToken());
        await store.SaveAuthorizationCodeAsync(liveCode, Samples.Code("live", Samples.Now.AddMinutes(1)), Ct);
        await store.RedeemAuthorizationCodeAsync(liveCode, Samples.Now, Ct);
        for (var i = 0; i < 3; i++)
        {
            await store.SaveAuthorizationCodeAsync(Samples.Digest(Samples.NewToken()), Samples.Code("old", Samples.Now.AddMinutes(-1)), Ct);
        }

        var pruned = await store.PruneExpiredAsync(3, Ct);

        Assert.Equal(14 + 4 + 3, pruned);
        Assert.Equal(6, await CountAsync(store, store.Statements.Tables.AccessTokens));
        Assert.Equal(1, await CountAsync(store, store.Statements.Tables.RefreshTokens));
        Assert.Equal(1, await CountAsync(store, store.Statements.Tables.AuthorizationCodes));
        Assert.Equal(0, await CountAsync(store, store.Statements.Tables.AccessTokens, "grant_id = 'old'"));
        Assert.Equal(0, await store.PruneExpiredAsync(3, Ct));
        Assert.NotNull(await store.FindAuthorizationCodeAsync(liveCode, Ct));
    }

    [Fact]
    public async Task One_prune_statement_deletes_at_most_the_batch_size()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 10; i++)
        {
            await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("old", Samples.Now.AddSeconds(-1)), null, null, Ct);
        }

        await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("live", Samples.Now.AddSeconds(1)), null, null, Ct);
        await using var connection = await Fixture.OpenConnectionAsync(store, Ct);
        var statement = store.Statements.PruneAccessTokens;
        var parameters = new { now = Samples.Now.ToUnixTimeMilliseconds(), batch_size = 3 };

        var deleted = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            deleted.Add(await connection.ExecuteAsync(new CommandDefinition(statement.Sql, parameters, cancellationToken: Ct)));
        }

        Assert.Equal([3, 3, 3, 1, 0], deleted);
        Assert.Equal(1, await CountAsync(store, store.Statements.Tables.AccessTokens));
    }

    [Fact]
    public async Task The_hosted_service_removes_expired_rows_one_interval_after_start()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("old", Samples.Now.AddSeconds(-1)), Samples.Digest(Samples.NewToken()), Samples.Refresh("old", Samples.Now.AddSeconds(-1)), Ct);
            await store.SaveAuthorizationCodeAsync(Samples.Digest(Samples.NewToken()), Samples.Code("old", Samples.Now.AddSeconds(-1)), Ct);
        }

        await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("live", Samples.Now.AddHours(1)), Samples.Digest(Samples.NewToken()), Samples.Refresh("live", null), Ct);
        var logs = new RecordingLoggerProvider();
        await using var host = await StartPruningAsync(store, logs);

        Clock.Advance(PruningInterval);
        var entries = await logs.WaitForAsync(e => e.Any(x => x.EventId is 3103 or 3106 or 3107), Ct);

        Assert.Contains(entries, e => e.EventId == 3103 && e.Message.StartsWith("Pruned 15 expired items", StringComparison.Ordinal));
        Assert.Equal(1, await CountAsync(store, store.Statements.Tables.AccessTokens));
        Assert.Equal(1, await CountAsync(store, store.Statements.Tables.RefreshTokens));
        Assert.Equal(0, await CountAsync(store, store.Statements.Tables.AuthorizationCodes));
        Assert.Equal(0, await CountAsync(store, store.Statements.Tables.AccessTokens, "grant_id = 'old'"));
    }

    /// <summary>The pruning service as a host runs it: options from the builder, the store as the registered pruner, batches of 2.</summary>
    protected async Task<PruningHost> StartPruningAsync(RelationalOAuth2Store store, RecordingLoggerProvider logs)
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IExpiredDataPruner>(store)
            .AddSingleton(logs.CreateLogger<ExpiredDataPruningService>());
        services.AddOAuth2Server().AddExpiredDataPruning(o =>
        {
            o.Interval = PruningInterval;
            o.BatchSize = 2;
        });
        var provider = services.BuildServiceProvider();
        var service = provider.GetServices<IHostedService>().OfType<ExpiredDataPruningService>().Single();
        await service.StartAsync(Ct);
        return new PruningHost(provider, service);
    }

    protected static TimeSpan PruningInterval => TimeSpan.FromMinutes(1);

    /// <summary>A started pruning service; disposing stops it.</summary>
    protected sealed class PruningHost(ServiceProvider provider, ExpiredDataPruningService service) : IAsyncDisposable
    {
        public ExpiredDataPruningService Service => service;

        public async ValueTask DisposeAsync()
        {
            await service.StopAsync(CancellationToken.None);
            await provider.DisposeAsync();
        }
    }

    protected async Task<long> CountAsync(RelationalOAuth2Store store, string table, string? where = null)
    {
        await using DbConnection connection = await Fixture.OpenConnectionAsync(store, Ct);
        var sql = "SELECT COUNT(*) FROM " + table + (where is null ? string.Empty : " WHERE " + where);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: Ct));
    }
}
