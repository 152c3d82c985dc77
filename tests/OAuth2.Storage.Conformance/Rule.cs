using System.Globalization;
using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Assertions that name the contract rule they check and the values they saw, in a line or two: what a failing case
/// prints instead of "Expected 2, Actual 6" or "Value is null".
/// </summary>
internal static class Rule
{
    /// <summary>Fails with <paramref name="rule"/> when <paramref name="value"/> is null; returns it otherwise.</summary>
    public static T Found<T>(T? value, string rule)
        where T : class
    {
        Assert.True(value is not null, rule + " (got null)");
        return value;
    }

    /// <summary>Fails with <paramref name="rule"/> when <paramref name="value"/> is null; returns it otherwise.</summary>
    public static T Found<T>(T? value, string rule)
        where T : struct
    {
        Assert.True(value is not null, rule + " (got null)");
        return value.Value;
    }

    /// <summary>Fails with <paramref name="rule"/> when a digest lookup returned nothing.</summary>
    public static TokenDigest Found(TokenDigest? value, string rule)
    {
        Assert.True(value is not null, rule + " (got null)");
        return value;
    }

    /// <summary>Fails with <paramref name="rule"/> when <paramref name="value"/> is not null.</summary>
    public static void Absent(object? value, string rule) =>
        Assert.True(value is null, rule + $" (got {Describe(value)})");

    public static void Status(RedemptionStatus expected, RedemptionResult actual, string rule) =>
        Assert.True(actual.Status == expected, rule + $" (expected {expected}, got {Describe(actual)})");

    public static void Count(long expected, long actual, string rule) =>
        Assert.True(expected == actual, rule + $" (expected {expected}, got {actual})");

    public static void True(bool condition, string rule) => Assert.True(condition, rule);

    /// <summary>Equal values (collections: the same items in the same order).</summary>
    public static void Same<T>(T expected, T actual, string rule) =>
        Assert.True(
            expected is System.Collections.IEnumerable left and not string && actual is System.Collections.IEnumerable right and not string
                ? left.Cast<object?>().SequenceEqual(right.Cast<object?>())
                : EqualityComparer<T>.Default.Equals(expected, actual),
            rule + $" (expected {Describe(expected)}, got {Describe(actual)})");

    public static void InRange<T>(T actual, T low, T high, string rule)
        where T : IComparable<T> =>
        Assert.True(actual.CompareTo(low) >= 0 && actual.CompareTo(high) <= 0, rule + $" (expected {Describe(low)} to {Describe(high)}, got {Describe(actual)})");

    public static void Empty<T>(IEnumerable<T> items, string rule)
    {
        var count = items.Count();
        Assert.True(count == 0, rule + $" (got {count} item(s))");
    }

    /// <summary>Every item passes <paramref name="check"/>; a failure counts the items that did not and shows the first, in one line.</summary>
    public static void Each<T>(IEnumerable<T> items, Func<T, bool> check, string rule)
    {
        var list = items.ToList();
        var failing = list.Where(item => !check(item)).ToList();
        Assert.True(failing.Count == 0, failing.Count == 0 ? rule : rule + $" ({failing.Count} of {list.Count} did not; the first: {Describe(failing[0])})");
    }

    public static void Equal(TokenDigest expected, TokenDigest? actual, string rule) =>
        Assert.True(expected.Equals(actual), rule + $" (expected {Describe(expected)}, got {Describe(actual)})");

    /// <summary>An instant as the messages show it: UTC, to the millisecond.</summary>
    public static string At(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Describe(object? value) => value switch
    {
        null => "null",
        TokenDigest digest => "digest " + digest.ToHex()[..12] + "…",
        RedemptionResult result => $"{result.Status}, grant {result.GrantId ?? "null"}, redeemed at {(result.RedeemedAt is { } at ? At(at) : "null")}",
        AccessToken token => $"an access token expiring {At(token.ExpiresAt)}",
        RefreshToken token => $"a refresh token expiring {(token.ExpiresAt is { } at ? At(at) : "never")}, redeemed {(token.RedeemedAt is { } r ? At(r) : "never")}",
        AuthorizationCode code => $"a code expiring {At(code.ExpiresAt)}, redeemed {(code.RedeemedAt is { } r ? At(r) : "never")}",
        DeviceAuthorization device => $"a device authorization retained until {At(device.RetainUntil)}, revision {device.Revision}",
        string text => text.Length > 60 ? $"\"{text[..60]}…\"" : $"\"{text}\"",
        DateTimeOffset instant => At(instant),
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Take(5).Select(Describe)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };
}
