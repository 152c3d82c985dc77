using System.Security.Claims;
using Microsoft.Extensions.Time.Testing;
using OAuth2.AspNetCore.ResourceServer.Introspection;

namespace OAuth2.AspNetCore.ResourceServer.Tests.Introspection;

public sealed class IntrospectionCacheTests
{
    private static readonly IntrospectionOutcome Accepted = new IntrospectionOutcome.Active([new Claim("sub", "u")], null);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Keys_are_a_digest_never_the_token()
    {
        var key = IntrospectionCache.Key("the-token");

        Assert.DoesNotContain("the-token", key, StringComparison.Ordinal);
        Assert.Equal(44, key.Length); // base64 of 32 bytes
        Assert.Equal(key, IntrospectionCache.Key("the-token"));
        Assert.NotEqual(key, IntrospectionCache.Key("the-tokeN"));
    }

    [Fact]
    public void The_size_limit_holds_under_a_flood_of_distinct_tokens()
    {
        var cache = new IntrospectionCache(_time, sizeLimit: 3);

        for (var i = 0; i < 100; i++)
        {
            cache.Set(IntrospectionCache.Key("t" + i), Accepted, _time.GetUtcNow().AddMinutes(1));
        }

        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet(IntrospectionCache.Key("t0"), out _)); // the first ones stay; the rest were not kept
        Assert.False(cache.TryGet(IntrospectionCache.Key("t99"), out _));
    }

    [Fact]
    public void A_full_cache_makes_room_by_sweeping_expired_entries()
    {
        var cache = new IntrospectionCache(_time, sizeLimit: 2);
        cache.Set("a", Accepted, _time.GetUtcNow().AddSeconds(1));
        cache.Set("b", Accepted, _time.GetUtcNow().AddSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(2));

        cache.Set("c", Accepted, _time.GetUtcNow().AddSeconds(10));

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("c", out _));
    }

    [Fact]
    public void A_full_cache_sweeps_at_most_once_a_second()
    {
        var cache = new IntrospectionCache(_time, sizeLimit: 1);
        cache.Set("a", Accepted, _time.GetUtcNow().AddMilliseconds(100));
        cache.Set("b", Accepted, _time.GetUtcNow().AddSeconds(10)); // full, nothing expired: swept, not kept
        _time.Advance(TimeSpan.FromMilliseconds(200));

        cache.Set("c", Accepted, _time.GetUtcNow().AddSeconds(10)); // "a" has expired, but the last sweep was 200 ms ago
        Assert.False(cache.TryGet("c", out _));

        _time.Advance(TimeSpan.FromSeconds(1));
        cache.Set("c", Accepted, _time.GetUtcNow().AddSeconds(10));
        Assert.True(cache.TryGet("c", out _));
    }

    [Fact]
    public void An_entry_is_gone_at_its_expiry()
    {
        var cache = new IntrospectionCache(_time, sizeLimit: 10);
        cache.Set("a", Accepted, _time.GetUtcNow().AddSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }
}
