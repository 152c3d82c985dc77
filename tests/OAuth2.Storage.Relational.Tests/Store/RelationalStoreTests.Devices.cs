using Dapper;
using OAuth2.Tokens;

namespace OAuth2.Storage.Relational.Tests.Store;

public abstract partial class RelationalStoreTests<TFixture>
{
    [Fact]
    public async Task Device_rows_are_pruned_by_their_retention_in_batches_and_counted()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.SaveDeviceAuthorizationAsync(Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()), Samples.Device(Samples.Now.AddSeconds(1 + i)), Ct);
        }

        var (retained, retainedUser) = (Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()));
        await store.SaveDeviceAuthorizationAsync(retained, retainedUser, Samples.Device(Samples.Now.AddMinutes(20)) with { ExpiresAt = Samples.Now.AddSeconds(1) }, Ct);
        await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("old", Samples.Now.AddSeconds(1)), null, null, Ct);
        Clock.Advance(TimeSpan.FromSeconds(5));

        var pruned = await store.PruneExpiredAsync(2, Ct);

        Assert.Equal(5 + 1, pruned);
        Assert.Equal(1, await CountAsync(store, store.Statements.Tables.DeviceAuthorizations));
        Assert.Equal(retained, await store.FindDeviceCodeByUserCodeAsync(retainedUser, Ct));
        Assert.Equal(0, await store.PruneExpiredAsync(2, Ct));
    }

    [Fact]
    public async Task A_user_code_held_past_its_retention_is_taken_over_within_the_save()
    {
        var store = await NewStoreAsync();
        var user = Samples.Digest(Samples.NewToken());
        var (first, second, third) = (Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()));
        Assert.True(await store.SaveDeviceAuthorizationAsync(first, user, Samples.Device(Samples.Now.AddSeconds(10)), Ct));
        Assert.False(await store.SaveDeviceAuthorizationAsync(second, user, Samples.Device(Samples.Now.AddMinutes(20)), Ct));
        Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await CountAsync(store, store.Statements.Tables.DeviceAuthorizations));

        Assert.True(await store.SaveDeviceAuthorizationAsync(third, user, Samples.Device(Samples.Now.AddMinutes(20)), Ct));

        Assert.Equal(third, await store.FindDeviceCodeByUserCodeAsync(user, Ct));
        await using var connection = await Fixture.OpenConnectionAsync(store, Ct);
        var devices = (await connection.QueryAsync<byte[]>(new CommandDefinition(
            $"SELECT device_digest FROM {store.Statements.Tables.DeviceAuthorizations}", cancellationToken: Ct))).Select(b => TokenDigest.FromBytes(b)).ToArray();
        Assert.Equal([third], devices);
    }

    [Fact]
    public async Task A_save_already_past_its_retention_writes_nothing()
    {
        var store = await NewStoreAsync();
        var user = Samples.Digest(Samples.NewToken());

        Assert.True(await store.SaveDeviceAuthorizationAsync(Samples.Digest(Samples.NewToken()), user, Samples.Device(Samples.Now), Ct));

        Assert.Equal(0, await CountAsync(store, store.Statements.Tables.DeviceAuthorizations));
        Assert.Null(await store.FindDeviceCodeByUserCodeAsync(user, Ct));
    }

    [Fact]
    public async Task An_update_keeps_the_user_code_and_the_saved_retention_and_stores_the_status_by_name()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()));
        var saved = Samples.Device(Samples.Now.AddMinutes(20));
        await store.SaveDeviceAuthorizationAsync(device, user, saved, Ct);
        var approved = saved with { Status = DeviceAuthorizationStatus.Approved, User = Samples.User, RetainUntil = Samples.Now.AddDays(1), Revision = 1 };

        Assert.True(await store.UpdateDeviceAuthorizationAsync(device, 0, approved, Ct));

        var found = await store.FindDeviceAuthorizationAsync(device, Ct);
        Assert.NotNull(found);
        Assert.Equal(saved.RetainUntil, found.RetainUntil);
        Assert.Equal(Samples.User.Properties, found.User?.Properties);
        Assert.Equal(device, await store.FindDeviceCodeByUserCodeAsync(user, Ct));
        await using var connection = await Fixture.OpenConnectionAsync(store, Ct);
        var status = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            $"SELECT status FROM {store.Statements.Tables.DeviceAuthorizations}", cancellationToken: Ct));
        Assert.Equal("Approved", status);
    }

    [Fact]
    public async Task An_update_at_the_end_of_the_retention_is_refused()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()));
        var saved = Samples.Device(Samples.Now.AddSeconds(30));
        await store.SaveDeviceAuthorizationAsync(device, user, saved, Ct);
        Clock.Advance(TimeSpan.FromSeconds(30));

        Assert.False(await store.UpdateDeviceAuthorizationAsync(device, 0, saved with { Status = DeviceAuthorizationStatus.Denied, Revision = 1 }, Ct));

        Assert.Null(await store.FindDeviceAuthorizationAsync(device, Ct));
        await using var connection = await Fixture.OpenConnectionAsync(store, Ct);
        var row = await connection.QuerySingleAsync<(string Status, long Revision)>(new CommandDefinition(
            $"SELECT status, revision FROM {store.Statements.Tables.DeviceAuthorizations}", cancellationToken: Ct));
        Assert.Equal(("Pending", 0L), row);
    }
}
