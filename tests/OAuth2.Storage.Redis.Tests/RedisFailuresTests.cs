using OAuth2.Storage.Redis.Errors;
using OAuth2.Storage.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>Which driver failures count as "Redis unavailable", and that the others are not disguised as one.</summary>
public sealed class RedisFailuresTests(RedisSingleNodeFixture fixture) : IClassFixture<RedisSingleNodeFixture>
{
    [Theory]
    [InlineData("LOADING Redis is loading the dataset in memory", true)]
    [InlineData("CLUSTERDOWN The cluster is down", true)]
    [InlineData("TRYAGAIN Multiple keys request during rehashing of slot", true)]
    [InlineData("BUSY Redis is busy running a script.", true)]
    [InlineData("READONLY You can't write against a read only replica.", true)]
    [InlineData("ERR wrong number of arguments", false)]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value", false)]
    [InlineData("NOSCRIPT No matching script.", false)]
    public void Server_errors_are_classified_by_their_code(string message, bool unavailable)
    {
        var error = new RedisServerException(message);
        Assert.Equal(unavailable, RedisFailures.IsUnavailable(error));
        if (unavailable)
        {
            var wrapped = RedisFailures.Wrap("find a client", error);
            Assert.Equal($"The Redis OAuth2 store could not find a client: Redis is unavailable (the server replied {message.Split(' ')[0]}).", wrapped.Message);
            Assert.Same(error, wrapped.InnerException);
        }
    }

    [Fact]
    public void Connection_failures_and_timeouts_are_unavailability()
    {
        Assert.True(RedisFailures.IsUnavailable(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down")));
        Assert.True(RedisFailures.IsUnavailable(new RedisTimeoutException("slow", CommandStatus.Sent)));
        Assert.False(RedisFailures.IsUnavailable(new InvalidOperationException("bug")));
        Assert.Contains("(the command timed out)", RedisFailures.Wrap("x", new RedisTimeoutException("slow", CommandStatus.Sent)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_of_the_wrong_type_is_a_bug_to_surface_not_an_outage()
    {
        var store = fixture.CreateStore();
        var digest = TokenDigest.Compute(Samples.NewValue());
        await fixture.Redis.GetDatabase().StringSetAsync(store.Options.KeyPrefix + "rt:{" + digest.ToHex() + "}", "not a hash");

        var error = await Assert.ThrowsAsync<RedisServerException>(async () => await store.FindRefreshTokenAsync(digest, TestContext.Current.CancellationToken));
        Assert.StartsWith("WRONGTYPE", error.Message, StringComparison.Ordinal);
    }
}
