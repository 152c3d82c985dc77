namespace OAuth2.Storage.InMemory.Tests.Naive;

internal enum CaseResult
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>How one conformance case ended, with the failure or skip message.</summary>
internal sealed record CaseOutcome(CaseResult Result, string? Message);
