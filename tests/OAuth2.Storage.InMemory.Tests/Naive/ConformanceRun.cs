using System.Reflection;
using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.InMemory.Tests.Naive;

/// <summary>
/// Runs every conformance case by reflection, each on a new instance of the suite (so each has its own clock, as
/// under xunit), and records how each ended.
/// </summary>
internal static class ConformanceRun
{
    public static async Task<IReadOnlyDictionary<string, CaseOutcome>> RunAsync<TFixture>(Func<StoreConformanceTests<TFixture>> suite)
        where TFixture : StoreFixture
    {
        var outcomes = new Dictionary<string, CaseOutcome>(StringComparer.Ordinal);
        foreach (var method in CaseMethods<TFixture>())
        {
            try
            {
                var result = method.Invoke(suite(), null);
                if (result is Task task)
                {
                    await task;
                }

                outcomes[method.Name] = new CaseOutcome(CaseResult.Passed, null);
            }
            catch (Exception exception)
            {
                var cause = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
                var skipped = cause.GetType().Name.Contains("Skip", StringComparison.Ordinal);
                outcomes[method.Name] = new CaseOutcome(skipped ? CaseResult.Skipped : CaseResult.Failed, cause.Message);
            }
        }

        return outcomes;
    }

    /// <summary>The [Fact] methods of the suite (its cases).</summary>
    public static IEnumerable<MethodInfo> CaseMethods<TFixture>()
        where TFixture : StoreFixture =>
        typeof(StoreConformanceTests<TFixture>)
            .GetMethods(BindingFlags.Instance | BindingFlags.Public)
            .Where(method => method.GetCustomAttribute<FactAttribute>() is not null)
            .OrderBy(method => method.Name, StringComparer.Ordinal);
}
