using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Device authorizations (RFC 8628): round trip, the user code as a unique second key, retention past expiry, the
/// revision compare-and-swap (also under contention), pruning or native expiry, cancellation and no plaintext at rest.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Device_RoundTripsEveryField()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var authorization = Data.RichDeviceAuthorization();

        Assert.True(await store.SaveDeviceAuthorizationAsync(device, user, authorization, Ct));

        RecordAssert.Equal(authorization, await store.FindDeviceAuthorizationAsync(device, Ct));
    }

    [Fact]
    public async Task Device_RoundTripsAPendingAuthorizationWithoutOptionalFields()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var authorization = Data.DeviceAuthorization() with { Scope = [] };

        Assert.True(await store.SaveDeviceAuthorizationAsync(device, user, authorization, Ct));

        var found = await store.FindDeviceAuthorizationAsync(device, Ct);
        RecordAssert.Equal(authorization, found);
        Rule.Same(DeviceAuthorizationStatus.Pending, found!.Status, "Device: round trips a pending authorization without optional fields: found!.Status");
        Rule.Absent(found.User, "Device: round trips a pending authorization without optional fields: found.User must be null");
        Rule.Absent(found.LastPolledAt, "Device: round trips a pending authorization without optional fields: found.LastPolledAt must be null");
        Rule.Absent(found.RedeemedAt, "Device: round trips a pending authorization without optional fields: found.RedeemedAt must be null");
    }

    [Fact]
    public async Task Device_UserCodeLeadsToItsDeviceCodeOnly()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var (otherDevice, otherUser) = (Data.Digest(), Data.Digest());
        await store.SaveDeviceAuthorizationAsync(device, user, Data.DeviceAuthorization(), Ct);
        await store.SaveDeviceAuthorizationAsync(otherDevice, otherUser, Data.DeviceAuthorization(), Ct);

        Rule.Same(device, await store.FindDeviceCodeByUserCodeAsync(user, Ct), "Device: user code leads to its device code only: FindDeviceCodeByUserCodeAsync(user)");
        Rule.Same(otherDevice, await store.FindDeviceCodeByUserCodeAsync(otherUser, Ct), "Device: user code leads to its device code only: FindDeviceCodeByUserCodeAsync(otherUser)");
        Rule.Absent(await store.FindDeviceCodeByUserCodeAsync(Data.Digest(), Ct), "Device: user code leads to its device code only: FindDeviceCodeByUserCodeAsync(Digest()) must be null");
        Rule.Absent(await store.FindDeviceCodeByUserCodeAsync(Data.Neighbour(user), Ct), "Device: user code leads to its device code only: FindDeviceCodeByUserCodeAsync(Neighbour(user)) must be null");
        Rule.Absent(await store.FindDeviceCodeByUserCodeAsync(device, Ct), "Device: user code leads to its device code only: FindDeviceCodeByUserCodeAsync(device) must be null");
        Rule.Absent(await store.FindDeviceAuthorizationAsync(user, Ct), "Device: user code leads to its device code only: FindDeviceAuthorizationAsync(user) must be null");
        Rule.Absent(await store.FindDeviceAuthorizationAsync(Data.Neighbour(device), Ct), "Device: user code leads to its device code only: FindDeviceAuthorizationAsync(Neighbour(device)) must be null");
    }

    [Fact]
    public async Task Device_AUserCodeInUseIsRefusedAndNothingIsSaved()
    {
        var store = await NewStoreAsync();
        var user = Data.Digest();
        var (first, second) = (Data.Digest(), Data.Digest());
        var original = Data.DeviceAuthorization();
        Assert.True(await store.SaveDeviceAuthorizationAsync(first, user, original, Ct));

        Rule.True(!(await store.SaveDeviceAuthorizationAsync(second, user, Data.DeviceAuthorization(), Ct)), "Device: a user code in use is refused and nothing is saved: SaveDeviceAuthorizationAsync(second, user, DeviceAuthorization()) must be false");

        Rule.Absent(await store.FindDeviceAuthorizationAsync(second, Ct), "Device: a user code in use is refused and nothing is saved: FindDeviceAuthorizationAsync(second) must be null");
        Rule.Same(first, await store.FindDeviceCodeByUserCodeAsync(user, Ct), "Device: a user code in use is refused and nothing is saved: FindDeviceCodeByUserCodeAsync(user)");
        RecordAssert.Equal(original, await store.FindDeviceAuthorizationAsync(first, Ct));
    }

    [Fact]
    public async Task Device_IsRetainedPastItsExpiryUntilItsRetention()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var expired = Data.DeviceAuthorization() with { IssuedAt = Data.Now.AddMinutes(-11), ExpiresAt = Data.Now.AddMinutes(-1), RetainUntil = Data.Now.AddMinutes(9) };

        Assert.True(await store.SaveDeviceAuthorizationAsync(device, user, expired, Ct));

        RecordAssert.Equal(expired, await store.FindDeviceAuthorizationAsync(device, Ct));
        Rule.Same(device, await store.FindDeviceCodeByUserCodeAsync(user, Ct), "Device: is retained past its expiry until its retention: FindDeviceCodeByUserCodeAsync(user)");
    }

    [Fact]
    public async Task Device_PastItsRetentionIsNeverFoundAndFreesItsUserCode()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var gone = Data.DeviceAuthorization() with { IssuedAt = Data.Now.AddMinutes(-30), ExpiresAt = Data.Now.AddMinutes(-20), RetainUntil = Data.Now.AddMinutes(-10) };

        await store.SaveDeviceAuthorizationAsync(device, user, gone, Ct);

        Rule.Absent(await store.FindDeviceAuthorizationAsync(device, Ct), "Device: past its retention is never found and frees its user code: FindDeviceAuthorizationAsync(device) must be null");
        Rule.Absent(await store.FindDeviceCodeByUserCodeAsync(user, Ct), "Device: past its retention is never found and frees its user code: FindDeviceCodeByUserCodeAsync(user) must be null");
        Rule.True(!(await store.UpdateDeviceAuthorizationAsync(device, 0, gone with { Revision = 1 }, Ct)), "Device: past its retention is never found and frees its user code: UpdateDeviceAuthorizationAsync(device, 0, gone with { Revision = 1 }) must be false");
        var next = Data.Digest();
        Assert.True(await store.SaveDeviceAuthorizationAsync(next, user, Data.DeviceAuthorization(), Ct));
        Rule.Same(next, await store.FindDeviceCodeByUserCodeAsync(user, Ct), "Device: past its retention is never found and frees its user code: FindDeviceCodeByUserCodeAsync(user)");
    }

    [Fact]
    public async Task Device_RetentionEndingAfterSavingHidesTheRecord()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var retainUntil = Data.Now.AddSeconds(1);
        await store.SaveDeviceAuthorizationAsync(device, user, Data.DeviceAuthorization() with { ExpiresAt = retainUntil, RetainUntil = retainUntil }, Ct);
        Rule.Found(await store.FindDeviceAuthorizationAsync(device, Ct), "Device: retention ending after saving hides the record: FindDeviceAuthorizationAsync(device) must be found");

        AdvanceTo(retainUntil.AddMilliseconds(50));

        Rule.Absent(await store.FindDeviceAuthorizationAsync(device, Ct), "Device: retention ending after saving hides the record: FindDeviceAuthorizationAsync(device) must be null");
        Rule.Absent(await store.FindDeviceCodeByUserCodeAsync(user, Ct), "Device: retention ending after saving hides the record: FindDeviceCodeByUserCodeAsync(user) must be null");
    }

    [Fact]
    public async Task Device_UpdateReplacesTheRecordAtTheExpectedRevision()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var pending = Data.DeviceAuthorization();
        await store.SaveDeviceAuthorizationAsync(device, user, pending, Ct);
        var approved = pending with
        {
            Status = DeviceAuthorizationStatus.Approved,
            User = Data.RichUser(),
            Scope = ["read", "write"],
            LastPolledAt = Data.Now,
            PollingIntervalSeconds = 10,
            Revision = 1,
        };

        Assert.True(await store.UpdateDeviceAuthorizationAsync(device, 0, approved, Ct));

        RecordAssert.Equal(approved, await store.FindDeviceAuthorizationAsync(device, Ct));
        Rule.Same(device, await store.FindDeviceCodeByUserCodeAsync(user, Ct), "Device: update replaces the record at the expected revision: FindDeviceCodeByUserCodeAsync(user)");
        var redeemed = approved with { RedeemedAt = Data.Now, Revision = 2 };
        Assert.True(await store.UpdateDeviceAuthorizationAsync(device, 1, redeemed, Ct));
        RecordAssert.Equal(redeemed, await store.FindDeviceAuthorizationAsync(device, Ct));
    }

    [Fact]
    public async Task Device_UpdateAtAStaleRevisionChangesNothing()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var pending = Data.DeviceAuthorization();
        await store.SaveDeviceAuthorizationAsync(device, user, pending, Ct);
        var denied = pending with { Status = DeviceAuthorizationStatus.Denied, User = Data.User(), Revision = 1 };
        Assert.True(await store.UpdateDeviceAuthorizationAsync(device, 0, denied, Ct));

        Rule.True(!(await store.UpdateDeviceAuthorizationAsync(device, 0, pending with { Status = DeviceAuthorizationStatus.Approved, User = Data.User(), Revision = 1 }, Ct)), "Device: update at a stale revision changes nothing: UpdateDeviceAuthorizationAsync(device, 0, pending with { Status = DeviceAuthorizationSt... must be false");
        Rule.True(!(await store.UpdateDeviceAuthorizationAsync(device, 5, pending with { Revision = 6 }, Ct)), "Device: update at a stale revision changes nothing: UpdateDeviceAuthorizationAsync(device, 5, pending with { Revision = 6 }) must be false");

        RecordAssert.Equal(denied, await store.FindDeviceAuthorizationAsync(device, Ct));
    }

    [Fact]
    public async Task Device_UpdateOfAnUnknownDeviceCodeIsRefusedAndCreatesNothing()
    {
        var store = await NewStoreAsync();
        var device = Data.Digest();

        Rule.True(!(await store.UpdateDeviceAuthorizationAsync(device, 0, Data.DeviceAuthorization() with { Revision = 1 }, Ct)), "Device: update of an unknown device code is refused and creates nothing: UpdateDeviceAuthorizationAsync(device, 0, DeviceAuthorization() with { Revision = 1 }) must be false");

        Rule.Absent(await store.FindDeviceAuthorizationAsync(device, Ct), "Device: update of an unknown device code is refused and creates nothing: FindDeviceAuthorizationAsync(device) must be null");
    }

    [Fact]
    public async Task Device_UpdateMustCarryTheNextRevision()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var pending = Data.DeviceAuthorization();
        await store.SaveDeviceAuthorizationAsync(device, user, pending, Ct);

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.UpdateDeviceAuthorizationAsync(device, 0, pending, Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.UpdateDeviceAuthorizationAsync(device, 0, pending with { Revision = 2 }, Ct));

        RecordAssert.Equal(pending, await store.FindDeviceAuthorizationAsync(device, Ct));
    }

    [Fact]
    public async Task Device_ExactlyOneOfManyConcurrentUpdatesAtOneRevisionWins()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var pending = Data.DeviceAuthorization();
        await store.SaveDeviceAuthorizationAsync(device, user, pending, Ct);
        var (warmUp, warmUpUser) = (Data.Digest(), Data.Digest());
        await store.SaveDeviceAuthorizationAsync(warmUp, warmUpUser, Data.DeviceAuthorization(), Ct);
        await RaceAsync(2, i => store.UpdateDeviceAuthorizationAsync(warmUp, 0, pending with { Revision = 1 }, Ct));
        var candidates = Enumerable.Range(0, ConcurrentCallers)
            .Select(i => pending with { Status = DeviceAuthorizationStatus.Approved, User = Data.User("user-" + i), Revision = 1 })
            .ToArray();

        var results = await RaceAsync(ConcurrentCallers, i => store.UpdateDeviceAuthorizationAsync(device, 0, candidates[i], Ct));

        var winners = results.Count(won => won);
        Assert.True(winners == 1, $"Exactly one of {ConcurrentCallers} concurrent updates at one revision must win; {winners} did.");
        var winner = candidates[Array.IndexOf(results, true)];
        RecordAssert.Equal(winner, await store.FindDeviceAuthorizationAsync(device, Ct));
    }

    [Fact]
    public async Task Device_IsNotATokenOrCode()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        await store.SaveDeviceAuthorizationAsync(device, user, Data.DeviceAuthorization(), Ct);

        foreach (var digest in new[] { device, user })
        {
            Rule.Absent(await store.FindAccessTokenAsync(digest, Ct), "Device: is not a token or code: FindAccessTokenAsync(digest) must be null");
            Rule.Absent(await store.FindRefreshTokenAsync(digest, Ct), "Device: is not a token or code: FindRefreshTokenAsync(digest) must be null");
            Rule.Absent(await store.FindAuthorizationCodeAsync(digest, Ct), "Device: is not a token or code: FindAuthorizationCodeAsync(digest) must be null");
            Rule.Same(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(digest, Data.Now, Ct)).Status, "Device: is not a token or code: (RedeemAuthorizationCodeAsync(digest, Now)).Status");
        }
    }

    [Fact]
    public async Task Device_OperationsWithACancelledTokenThrowAndChangeNothing()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var pending = Data.DeviceAuthorization();
        await store.SaveDeviceAuthorizationAsync(device, user, pending, Ct);
        var (unsaved, unsavedUser) = (Data.Digest(), Data.Digest());
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveDeviceAuthorizationAsync(unsaved, unsavedUser, Data.DeviceAuthorization(), cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.FindDeviceAuthorizationAsync(device, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.FindDeviceCodeByUserCodeAsync(user, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.UpdateDeviceAuthorizationAsync(device, 0, pending with { Status = DeviceAuthorizationStatus.Denied, Revision = 1 }, cancelled));

        Rule.Absent(await store.FindDeviceAuthorizationAsync(unsaved, Ct), "Device: operations with a cancelled token throw and change nothing: FindDeviceAuthorizationAsync(unsaved) must be null");
        Rule.Absent(await store.FindDeviceCodeByUserCodeAsync(unsavedUser, Ct), "Device: operations with a cancelled token throw and change nothing: FindDeviceCodeByUserCodeAsync(unsavedUser) must be null");
        RecordAssert.Equal(pending, await store.FindDeviceAuthorizationAsync(device, Ct));
    }

    [Fact]
    public async Task Device_PruningRemovesAuthorizationsPastTheirRetentionOnly()
    {
        var store = await NewStoreAsync();
        if (store is not IExpiredDataPruner pruner)
        {
            Assert.Skip($"{store.GetType().Name} does not implement IExpiredDataPruner (its expiry is checked natively).");
            return;
        }

        var retainUntil = Data.Now.AddSeconds(1);
        var (gone, goneUser) = (Data.Digest(), Data.Digest());
        var (expiredButRetained, retainedUser) = (Data.Digest(), Data.Digest());
        var (live, liveUser) = (Data.Digest(), Data.Digest());
        await store.SaveDeviceAuthorizationAsync(gone, goneUser, Data.DeviceAuthorization() with { ExpiresAt = retainUntil, RetainUntil = retainUntil }, Ct);
        await store.SaveDeviceAuthorizationAsync(expiredButRetained, retainedUser, Data.DeviceAuthorization() with { ExpiresAt = retainUntil }, Ct);
        await store.SaveDeviceAuthorizationAsync(live, liveUser, Data.DeviceAuthorization(), Ct);

        AdvanceTo(retainUntil.AddMilliseconds(100));
        var removed = await pruner.PruneExpiredAsync(batchSize: 1, Ct);

        Rule.InRange(removed, 1, 2, "Device: pruning removes authorizations past their retention only: removed");
        Rule.Same(0, await pruner.PruneExpiredAsync(batchSize: 1, Ct), "Device: pruning removes authorizations past their retention only: pruner.PruneExpiredAsync(batchSize: 1)");
        Rule.Found(await store.FindDeviceAuthorizationAsync(expiredButRetained, Ct), "Device: pruning removes authorizations past their retention only: FindDeviceAuthorizationAsync(expiredButRetained) must be found");
        Rule.Same(live, await store.FindDeviceCodeByUserCodeAsync(liveUser, Ct), "Device: pruning removes authorizations past their retention only: FindDeviceCodeByUserCodeAsync(liveUser)");
        Rule.Same(expiredButRetained, await store.FindDeviceCodeByUserCodeAsync(retainedUser, Ct), "Device: pruning removes authorizations past their retention only: FindDeviceCodeByUserCodeAsync(retainedUser)");
        if (await Fixture.DumpAsync(store, Ct) is { } dump)
        {
            Assert.True(DumpScanner.FindBytes(dump, gone.Bytes) is null, "The raw dump still holds a pruned device authorization.");
            Assert.True(DumpScanner.FindBytes(dump, goneUser.Bytes) is null, "The raw dump still holds the user code of a pruned device authorization.");
            Assert.True(DumpScanner.FindBytes(dump, live.Bytes) is not null, "The raw dump no longer holds a live device authorization.");
        }
    }

    [Fact]
    public async Task Device_DumpHoldsNeitherCodeInPlaintext()
    {
        var store = await NewStoreAsync();
        var device = Data.Credential();
        var userCode = Data.UserCode();
        var userDigest = TokenDigest.Compute(userCode);
        var authorization = Data.DeviceAuthorization();
        await store.SaveDeviceAuthorizationAsync(device.Digest, userDigest, authorization, Ct);
        await store.UpdateDeviceAuthorizationAsync(device.Digest, 0, authorization with { Status = DeviceAuthorizationStatus.Approved, User = Data.User(), Revision = 1 }, Ct);

        var dump = await Fixture.DumpAsync(store, Ct);
        if (dump is null)
        {
            Assert.Skip("The fixture provides no raw dump (StoreFixture.DumpAsync returned null).");
            return;
        }

        Assert.True(dump.Contains(authorization.ClientId, StringComparison.Ordinal), "The raw dump does not hold the saved device authorization, so it cannot show the absence of its codes.");
        Assert.True(DumpScanner.FindValue(dump, device.Value) is null, "The raw dump holds the plaintext device code.");
        Assert.True(DumpScanner.FindValue(dump, userCode) is null, "The raw dump holds the plaintext user code.");
        Assert.True(DumpScanner.FindValue(dump, userCode[..4] + "-" + userCode[4..]) is null, "The raw dump holds the user code as displayed.");
    }
}
