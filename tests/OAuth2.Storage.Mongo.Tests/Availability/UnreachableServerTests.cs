using System.Diagnostics;
using MongoDB.Driver;

namespace OAuth2.Storage.Mongo.Tests.Availability;

/// <summary>
/// With no server listening every operation fails fast with <see cref="StorageUnavailableException"/>, which the core
/// turns into a 503; a cancelled call is a cancellation, not an outage. Needs no server.
/// </summary>
public sealed class UnreachableServerTests : IDisposable
{
    private const string Unreachable = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300";

    private static readonly Dictionary<string, Func<MongoOAuth2Store, CancellationToken, ValueTask>> Operations = new()
    {
        ["FindClient"] = async (s, ct) => await s.FindClientAsync("a", ct),
        ["SaveClient"] = async (s, ct) => await s.SaveClientAsync(Samples.Client, ct),
        ["RemoveClient"] = async (s, ct) => await s.RemoveClientAsync("a", ct),
        ["SaveTokens"] = async (s, ct) => await s.SaveTokensAsync(Samples.Digest("at"), Samples.AccessToken, Samples.Digest("rt"), Samples.RefreshToken, ct),
        ["SaveAccessTokenOnly"] = async (s, ct) => await s.SaveTokensAsync(Samples.Digest("at"), Samples.AccessToken, null, null, ct),
        ["FindAccessToken"] = async (s, ct) => await s.FindAccessTokenAsync(Samples.Digest("at"), ct),
        ["FindRefreshToken"] = async (s, ct) => await s.FindRefreshTokenAsync(Samples.Digest("rt"), ct),
        ["RedeemRefreshToken"] = async (s, ct) => await s.RedeemRefreshTokenAsync(Samples.Digest("rt"), DateTimeOffset.UtcNow, ct),
        ["RemoveAccessToken"] = async (s, ct) => await s.RemoveAccessTokenAsync(Samples.Digest("at"), ct),
        ["RemoveRefreshToken"] = async (s, ct) => await s.RemoveRefreshTokenAsync(Samples.Digest("rt"), ct),
        ["RevokeTokensOfGrant"] = async (s, ct) => await s.RevokeTokensOfGrantAsync("grant-1", ct),
        ["RevokeTokensOfClient"] = async (s, ct) => await s.RevokeTokensOfClientAsync("client-1", ct),
        ["SaveAuthorizationCode"] = async (s, ct) => await s.SaveAuthorizationCodeAsync(Samples.Digest("code"), Samples.Code, ct),
        ["FindAuthorizationCode"] = async (s, ct) => await s.FindAuthorizationCodeAsync(Samples.Digest("code"), ct),
        ["RedeemAuthorizationCode"] = async (s, ct) => await s.RedeemAuthorizationCodeAsync(Samples.Digest("code"), DateTimeOffset.UtcNow, ct),
        ["RevokeCodesOfGrant"] = async (s, ct) => await s.RevokeCodesOfGrantAsync("grant-1", ct),
        ["SaveDeviceAuthorization"] = async (s, ct) => await s.SaveDeviceAuthorizationAsync(Samples.Digest("device"), Samples.Digest("user"), Samples.Device, ct),
        ["FindDeviceAuthorization"] = async (s, ct) => await s.FindDeviceAuthorizationAsync(Samples.Digest("device"), ct),
        ["FindDeviceCodeByUserCode"] = async (s, ct) => await s.FindDeviceCodeByUserCodeAsync(Samples.Digest("user"), ct),
        ["UpdateDeviceAuthorization"] = async (s, ct) => await s.UpdateDeviceAuthorizationAsync(Samples.Digest("device"), Samples.Device.Revision - 1, Samples.Device, ct),
        ["PruneExpired"] = async (s, ct) => await s.PruneExpiredAsync(100, ct),
        ["EnsureIndexes"] = async (s, ct) => await s.EnsureIndexesAsync(ct),
    };

    private readonly MongoClient _client = new(Unreachable);

    public static TheoryData<string> OperationNames => [.. Operations.Keys];

    [Theory]
    [MemberData(nameof(OperationNames))]
    public async Task Every_operation_reports_the_store_unavailable_quickly(string operation)
    {
        var store = new MongoOAuth2Store(_client.GetDatabase("unreachable"));
        var clock = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<StorageUnavailableException>(
            async () => await Operations[operation](store, TestContext.Current.CancellationToken));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.IsType<TimeoutException>(exception.InnerException, exactMatch: false);
    }

    [Theory]
    [MemberData(nameof(OperationNames))]
    public async Task A_cancelled_call_is_cancelled_not_unavailable(string operation)
    {
        var store = new MongoOAuth2Store(_client.GetDatabase("unreachable"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await Operations[operation](store, new CancellationToken(canceled: true)));
    }

    public void Dispose() => _client.Dispose();
}
