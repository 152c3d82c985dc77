using MongoDB.Driver;

namespace OAuth2.Storage.Mongo.Tests;

/// <summary>Collection names and the read and write concerns every collection is used with. No server needed.</summary>
public sealed class StoreSettingsTests : IDisposable
{
    private readonly MongoClient _client = new("mongodb://127.0.0.1:1");

    [Fact]
    public void Collections_are_named_by_prefix()
    {
        var store = new MongoOAuth2Store(_client.GetDatabase("db"), new MongoStoreOptions { CollectionPrefix = "x_" });

        Assert.Equal("x_clients", store.Clients.CollectionNamespace.CollectionName);
        Assert.Equal("x_access_tokens", store.AccessTokens.CollectionNamespace.CollectionName);
        Assert.Equal("x_refresh_tokens", store.RefreshTokens.CollectionNamespace.CollectionName);
        Assert.Equal("x_authorization_codes", store.AuthorizationCodes.CollectionNamespace.CollectionName);
        Assert.Equal("x_device_authorizations", store.DeviceAuthorizations.CollectionNamespace.CollectionName);
    }

    [Fact]
    public void The_default_prefix_is_oauth2()
    {
        var store = new MongoOAuth2Store(_client.GetDatabase("db"));

        Assert.Equal("oauth2_refresh_tokens", store.RefreshTokens.CollectionNamespace.CollectionName);
    }

    [Fact]
    public void Every_collection_writes_and_reads_at_majority_from_the_primary()
    {
        var store = new MongoOAuth2Store(_client.GetDatabase("db"), new MongoStoreOptions { WriteConcernTimeout = TimeSpan.FromSeconds(3) });

        foreach (var settings in new[] { store.Clients.Settings, store.AccessTokens.Settings, store.RefreshTokens.Settings, store.AuthorizationCodes.Settings, store.DeviceAuthorizations.Settings })
        {
            Assert.Equal("majority", settings.WriteConcern.W.ToString());
            Assert.Equal(TimeSpan.FromSeconds(3), settings.WriteConcern.WTimeout);
            Assert.Equal(ReadConcernLevel.Majority, settings.ReadConcern.Level);
            Assert.Equal(ReadPreferenceMode.Primary, settings.ReadPreference.ReadPreferenceMode);
        }
    }

    [Fact]
    public void The_application_database_settings_do_not_weaken_the_concerns()
    {
        var weak = _client.GetDatabase("db", new MongoDatabaseSettings
        {
            WriteConcern = WriteConcern.Unacknowledged,
            ReadConcern = ReadConcern.Local,
            ReadPreference = ReadPreference.SecondaryPreferred,
        });

        var store = new MongoOAuth2Store(weak, new MongoStoreOptions { WriteConcernTimeout = null });

        Assert.Equal(WriteConcern.WMajority, store.AccessTokens.Settings.WriteConcern);
        Assert.Equal(ReadConcern.Majority, store.AccessTokens.Settings.ReadConcern);
        Assert.Equal(ReadPreference.Primary, store.AccessTokens.Settings.ReadPreference);
        Assert.Equal(WriteConcern.WMajority, store.DeviceAuthorizations.Settings.WriteConcern);
        Assert.Equal(ReadConcern.Majority, store.DeviceAuthorizations.Settings.ReadConcern);
    }

    [Fact]
    public void A_non_positive_write_concern_timeout_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new MongoOAuth2Store(_client.GetDatabase("db"), new MongoStoreOptions { WriteConcernTimeout = TimeSpan.Zero }));
    }

    [Fact]
    public async Task Pruning_refuses_a_batch_size_below_one()
    {
        var store = new MongoOAuth2Store(_client.GetDatabase("db"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            async () => await store.PruneExpiredAsync(0, TestContext.Current.CancellationToken));
    }

    public void Dispose() => _client.Dispose();
}
