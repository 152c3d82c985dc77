namespace OAuth2.Storage.InMemory.Tests.Naive;

/// <summary>
/// Proof that the conformance suite catches real defects: run against <see cref="NaiveStore"/>, exactly the cases
/// for its defects fail, for the right reason, and the rest pass.
/// </summary>
public sealed class SuiteCatchesNaiveStoreTests(NaiveStoreRunFixture run) : IClassFixture<NaiveStoreRunFixture>
{
    /// <summary>Case name → a fragment of the message it must fail with.</summary>
    public static readonly TheoryData<string, string> ExpectedFailures = new()
    {
        // get-then-set redemption: several of the 64 racing callers win.
        { "Code_ExactlyOneOfManyConcurrentRedemptionsWins", "concurrent redemptions must win" },
        { "RefreshToken_ExactlyOneOfManyConcurrentRedemptionsWins", "concurrent redemptions must win" },
        { "Device_ExactlyOneOfManyConcurrentUpdatesAtOneRevisionWins", "concurrent updates at one revision must win" },
        // Records kept by reference: the caller's later changes show through.
        { "Snapshot_ChangingASavedClientsCollectionsChangesNothingStored", "Client.RedirectUris" },
        { "Snapshot_ChangingASavedTokensCollectionsChangesNothingStored", "AccessToken.User.Properties" },
        // No pruner, no native expiry.
        { "ExpiredData_IsRemovedByPruningOrNatively", "never removes expired data" },
        // A dump that shows nothing cannot show the absence of a credential.
        { "Dump_HoldsNoPlaintextCredential", "does not hold the saved clients" },
        { "Device_DumpHoldsNeitherCodeInPlaintext", "does not hold the saved device authorization" },
        { "Dump_HoldsNoPlaintextRegistrationCredential", "does not hold the saved client" },
    };

    public static readonly TheoryData<string> ExpectedPasses = new()
    {
        "Client_RoundTripsEveryField",
        "AccessToken_RoundTripsEveryField",
        "RefreshToken_RoundTripsEveryField",
        "Code_RoundTripsEveryField",
        "Code_ReplayIsRecognisedWithTheGrantAndTheOriginalTime",
        "RefreshToken_ReplayIsRecognisedWithTheGrantAndTheOriginalTime",
        "RevokeTokensOfGrant_RemovesTheWholeFamilyAndNothingElse",
        "Client_IdsDifferingOnlyInCaseAreDifferentClients",
        "Cancellation_SavesThrowAndWriteNothing",
        "Device_RoundTripsEveryField",
        "Device_UpdateAtAStaleRevisionChangesNothing",
        "Device_AUserCodeInUseIsRefusedAndNothingIsSaved",
    };

    [Theory]
    [MemberData(nameof(ExpectedFailures))]
    public void TheSuiteFailsTheNaiveStoreWhereItIsDefective(string caseName, string reason)
    {
        var outcome = Assert.Contains(caseName, run.Outcomes);

        Assert.True(outcome.Result == CaseResult.Failed, $"{caseName} should fail for the naive store but {outcome.Result}.");
        Assert.Contains(reason, outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ExpectedPasses))]
    public void TheSuitePassesTheNaiveStoreWhereItIsCorrect(string caseName)
    {
        var outcome = Assert.Contains(caseName, run.Outcomes);

        Assert.True(outcome.Result == CaseResult.Passed, $"{caseName} should pass for the naive store but {outcome.Result}: {outcome.Message}");
    }

    [Fact]
    public void NoOtherCaseFailsTheNaiveStore()
    {
        var expected = ExpectedFailures.Select(row => row.Data.Item1).ToHashSet(StringComparer.Ordinal);

        // Any other case that races callers (such as the 64-way races through the server) fails for the same
        // get-then-set defect, so it is explained too.
        var unexpected = run.Outcomes
            .Where(pair => pair.Value.Result == CaseResult.Failed
                && !expected.Contains(pair.Key)
                && !pair.Key.Contains("concurrent", StringComparison.OrdinalIgnoreCase))
            .Select(pair => $"{pair.Key}: {pair.Value.Message}")
            .ToList();

        Assert.True(run.Outcomes.Count >= 50, $"Only {run.Outcomes.Count} cases ran.");
        Assert.Empty(unexpected);
    }

    [Fact]
    public void EveryFailureNamesItsRuleInALineOrTwo()
    {
        var unclear = run.Outcomes
            .Where(pair => pair.Value.Result == CaseResult.Failed)
            .Where(pair => pair.Value.Message is not { } message || message.Split('\n').Length > 3 || message.StartsWith("Assert.", StringComparison.Ordinal))
            .Select(pair => $"{pair.Key}: {pair.Value.Message}")
            .ToList();

        Assert.True(unclear.Count == 0, $"{unclear.Count} failure(s) of the naive store do not name their rule in a line or two:\n" + string.Join("\n---\n", unclear));
    }
}
