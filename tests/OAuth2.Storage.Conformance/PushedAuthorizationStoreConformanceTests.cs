using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// The conformance suite of <see cref="IPushedAuthorizationStore"/> (RFC 9126 pushed authorization requests). A
/// backend's test project derives one class from it with a fixture that implements
/// <see cref="IPushedAuthorizationStoreFixture"/>:
/// <code>
/// public sealed class MyPushedTests(MyFixture fixture) : PushedAuthorizationStoreConformanceTests&lt;MyFixture&gt;(fixture);
/// </code>
/// </summary>
/// <remarks>
/// Records live a day ahead of the real clock, so a store that expires them by a TTL keeps them for the whole case.
/// </remarks>
public abstract class PushedAuthorizationStoreConformanceTests<TFixture> : IClassFixture<TFixture>
    where TFixture : class, IPushedAuthorizationStoreFixture
{
    /// <summary>How many callers try to consume one request at once.</summary>
    protected const int ConcurrentCallers = 64;

    protected PushedAuthorizationStoreConformanceTests(TFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
    }

    protected TFixture Fixture { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Now
    {
        get
        {
            var now = TimeProvider.System.GetUtcNow();
            return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        }
    }

    protected ValueTask<IPushedAuthorizationStore> NewStoreAsync() => Fixture.CreatePushedAuthorizationStoreAsync(Ct);

    protected static TokenDigest NewDigest() => TokenDigest.Compute("urn:ietf:params:oauth:request_uri:" + Guid.NewGuid().ToString("N"));

    protected static PushedAuthorization NewRequest(string? clientId = null) => new()
    {
        ClientId = clientId ?? "client-" + Guid.NewGuid().ToString("N"),
        Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["response_type"] = "code",
            ["client_id"] = clientId ?? "client",
            ["redirect_uri"] = "https://app.example.com/cb?x=1&y=\u00e9",
            ["scope"] = "read write",
            ["state"] = "st\"ate\\ with 'quotes' and \u2603",
            ["code_challenge"] = new string('c', 43),
            ["code_challenge_method"] = "S256",
            ["empty"] = string.Empty,
            ["long"] = new string('l', 2000),
        },
        IssuedAt = Now,
        ExpiresAt = Now.AddDays(1),
    };

    [Fact]
    public async Task PushedAuthorization_RoundTripsEveryField()
    {
        var store = await NewStoreAsync();
        var digest = NewDigest();
        var request = NewRequest();

        await store.SavePushedAuthorizationAsync(digest, request, Ct);
        var found = await store.FindPushedAuthorizationAsync(digest, Ct);

        Assert.NotNull(found);
        Assert.Equal(request.ClientId, found.ClientId);
        Assert.Equal(request.IssuedAt, found.IssuedAt);
        Assert.Equal(request.ExpiresAt, found.ExpiresAt);
        Assert.Null(found.ConsumedAt);
        Assert.Equal(request.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal), found.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task PushedAuthorization_UnknownDigestIsNotFound()
    {
        var store = await NewStoreAsync();
        await store.SavePushedAuthorizationAsync(NewDigest(), NewRequest(), Ct);

        Assert.Null(await store.FindPushedAuthorizationAsync(NewDigest(), Ct));
        Assert.False(await store.ConsumePushedAuthorizationAsync(NewDigest(), Now, Ct), "consuming an unknown request_uri must not succeed");
    }

    [Fact]
    public async Task PushedAuthorization_ConsumeMarksItOnceAndKeepsIt()
    {
        // RFC 9126 section 4: single use; the marked record stays so a replay is told apart from an unknown value.
        var store = await NewStoreAsync();
        var digest = NewDigest();
        await store.SavePushedAuthorizationAsync(digest, NewRequest(), Ct);
        var at = Now.AddSeconds(1);

        Assert.True(await store.ConsumePushedAuthorizationAsync(digest, at, Ct));
        Assert.False(await store.ConsumePushedAuthorizationAsync(digest, at.AddSeconds(1), Ct), "a second consume must lose");
        var found = await store.FindPushedAuthorizationAsync(digest, Ct);
        Assert.NotNull(found);
        Assert.Equal(at, found.ConsumedAt);
    }

    [Fact]
    public async Task PushedAuthorization_ConcurrentConsumesHaveExactlyOneWinner()
    {
        var store = await NewStoreAsync();
        var digest = NewDigest();
        await store.SavePushedAuthorizationAsync(digest, NewRequest(), Ct);

        var results = await Race.AllAtOnceAsync(ConcurrentCallers, _ => store.ConsumePushedAuthorizationAsync(digest, Now, Ct), Ct);

        Assert.Equal(1, results.Count(won => won));
    }

    [Fact]
    public async Task PushedAuthorization_ConsumingOneLeavesOthersUntouched()
    {
        var store = await NewStoreAsync();
        var first = NewDigest();
        var second = NewDigest();
        await store.SavePushedAuthorizationAsync(first, NewRequest("a"), Ct);
        await store.SavePushedAuthorizationAsync(second, NewRequest("b"), Ct);

        Assert.True(await store.ConsumePushedAuthorizationAsync(first, Now, Ct));

        var other = await store.FindPushedAuthorizationAsync(second, Ct);
        Assert.NotNull(other);
        Assert.Null(other.ConsumedAt);
        Assert.Equal("b", other.ClientId);
    }

    [Fact]
    public async Task PushedAuthorization_HonoursCancellation()
    {
        var store = await NewStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.FindPushedAuthorizationAsync(NewDigest(), cancelled.Token));
    }
}
