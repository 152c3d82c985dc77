using OAuth2.Storage.InMemory.Tests.Naive;

namespace OAuth2.Storage.InMemory.Tests.Broken;

/// <summary>
/// Proof that the suite bites: it runs, case by case, against a <see cref="BrokenStore"/> with one
/// <see cref="Defect"/> each, and the case for the rule that defect breaks must fail with that rule in its message.
/// The same store without a defect passes every case, so the failures come from the defect alone. None of this
/// counts as a failure of the suite itself: these tests pass when the suite catches the bug.
/// </summary>
public sealed class SuiteCatchesBrokenStoresTests
{
    /// <summary>Defect → the case that must fail, and a fragment of the rule its message must state.</summary>
    public static readonly TheoryData<Defect, string, string> Catches = new()
    {
        { Defect.IgnoresTheClock, "Clock_TokensAndCodesLiveUntilTheMillisecondBeforeTheirExpiryAndAreGoneAtIt", "Expiry: an access token is gone at its ExpiresAt" },
        { Defect.ExpiryBoundary, "Clock_TokensAndCodesLiveUntilTheMillisecondBeforeTheirExpiryAndAreGoneAtIt", "Expiry: an access token is gone at its ExpiresAt" },
        { Defect.ExpiryBoundary, "Clock_DeviceAuthorizationIsRetainedUntilTheMillisecondBeforeItsRetentionAndGoneAtIt", "Retention: a device authorization is gone at its RetainUntil" },
        { Defect.LocalTime, "Clock_TokensAndCodesLiveUntilTheMillisecondBeforeTheirExpiryAndAreGoneAtIt", "Expiry: an access token is gone at its ExpiresAt" },
        { Defect.KeepsUserCodesPastRetention, "Device_AUserCodeIsFreeAgainFromTheInstantItsHoldersRetentionEnds", "Retention on writes: a user code is free from its holder's RetainUntil" },
        { Defect.UpdatesPastRetention, "Device_UpdatePastItsRetentionIsRefusedBeforeAnyPruning", "Retention on writes: a device authorization cannot be updated from its RetainUntil" },
        { Defect.RedemptionLock, "Redemption_IsALastingMarkNotALock", "Single use lasts until expiry" },
        { Defect.ClientIdIgnoresCase, "RevokeTokensOfClient_RemovesEveryTokenOfTheClientAndNothingElse", "Revoke Tokens Of Client: removes every token of the client and nothing else" },
    };

    public static readonly TheoryData<Defect> Defects = new(Enum.GetValues<Defect>().Where(defect => defect != Defect.None));

    [Theory]
    [MemberData(nameof(Catches))]
    public async Task TheSuiteFailsTheStoreForTheRuleItBreaks(Defect defect, string caseName, string rule)
    {
        var outcomes = await RunAsync(defect);

        var outcome = Assert.Contains(caseName, outcomes);
        Assert.True(outcome.Result == CaseResult.Failed, $"{caseName} should fail a store with {defect} but {outcome.Result}.");
        Assert.Contains(rule, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutItsDefectTheStorePassesEveryCase()
    {
        var outcomes = await RunAsync(Defect.None);

        var failed = outcomes.Where(pair => pair.Value.Result == CaseResult.Failed).Select(pair => $"{pair.Key}: {pair.Value.Message}").ToList();
        Assert.True(outcomes.Count >= 80, $"Only {outcomes.Count} cases ran.");
        Assert.Empty(failed);
    }

    /// <summary>Every failure the broken stores provoke names its rule in a line or two, not xunit's bare "Expected/Actual".</summary>
    [Theory]
    [MemberData(nameof(Defects))]
    public async Task EveryFailureNamesItsRuleInALineOrTwo(Defect defect)
    {
        var outcomes = await RunAsync(defect);

        var unclear = outcomes
            .Where(pair => pair.Value.Result == CaseResult.Failed)
            .Where(pair => pair.Value.Message is not { } message
                || message.Split('\n').Length > 3
                || message.StartsWith("Assert.", StringComparison.Ordinal)
                || message.Contains("Object reference not set", StringComparison.Ordinal))
            .Select(pair => $"{pair.Key}: {pair.Value.Message}")
            .ToList();
        Assert.True(unclear.Count == 0, $"{unclear.Count} failure(s) for {defect} do not name their rule in a line or two:\n" + string.Join("\n---\n", unclear));
    }

    private static async Task<IReadOnlyDictionary<string, CaseOutcome>> RunAsync(Defect defect)
    {
        await using var fixture = new BrokenStoreFixture(defect);
        return await ConformanceRun.RunAsync(() => new BrokenStoreConformance(fixture));
    }
}
