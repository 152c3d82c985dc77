using Dapper;
using Npgsql;
using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>The relational store checks on a real PostgreSQL.</summary>
public sealed class PostgreSqlStoreTests(PostgreSqlStoreFixture fixture) : RelationalStoreTests<PostgreSqlStoreFixture>(fixture)
{
    [Fact]
    public async Task The_dialect_recognises_a_violation_of_the_user_code_key_by_its_name()
    {
        var store = await NewStoreAsync();
        var (first, second) = (Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()));
        var firstUser = Samples.Digest(Samples.NewToken());
        await store.SaveDeviceAuthorizationAsync(first, firstUser, Samples.Device(Samples.Now.AddMinutes(20)), Ct);
        await store.SaveDeviceAuthorizationAsync(second, Samples.Digest(Samples.NewToken()), Samples.Device(Samples.Now.AddMinutes(20)), Ct);
        await using var connection = await Fixture.OpenConnectionAsync(store, Ct);

        var violation = await Assert.ThrowsAsync<PostgresException>(async () => await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {store.Statements.Tables.DeviceAuthorizations} SET user_digest = @user WHERE device_digest = @device",
            new { user = firstUser.ToArray(), device = second.ToArray() },
            cancellationToken: Ct)));

        Assert.True(store.Dialect.IsUniqueViolation(violation, "device_authorizations_user_digest"));
        Assert.False(store.Dialect.IsUniqueViolation(violation, "device_authorizations_pk"));
        Assert.False(store.Dialect.IsUniqueViolation(new InvalidOperationException("device_authorizations_user_digest"), "device_authorizations_user_digest"));
    }
}
