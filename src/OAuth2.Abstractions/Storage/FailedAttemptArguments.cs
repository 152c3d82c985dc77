namespace OAuth2.Storage;

/// <summary>
/// Argument checks every <see cref="IFailedAttemptStore"/> makes the same way, for the built-in stores and for yours:
/// a key a backend can hold exactly as given, and a window whose end is a representable instant.
/// </summary>
public static class FailedAttemptArguments
{
    /// <summary>
    /// Rejects a key that is empty, longer than <see cref="IFailedAttemptStore.MaxKeyLength"/> or not printable ASCII,
    /// so every backend (a sized column, a Redis key, a document id) stores it whole and compares it byte for byte.
    /// </summary>
    public static void ThrowIfInvalidKey(string key) => ThrowIfInvalidKey(key, IFailedAttemptStore.MaxKeyLength, "A failed-attempt key");

    /// <summary>The key rule every opaque store key shares (failed-attempt counters, replay cache entries).</summary>
    internal static void ThrowIfInvalidKey(string key, int maxLength, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > maxLength)
        {
            throw new ArgumentException($"{what} has at most {maxLength} characters.", nameof(key));
        }

        foreach (var c in key)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"{what} is printable ASCII.", nameof(key));
            }
        }
    }

    /// <summary>The end of a window that opens at <paramref name="now"/>; the window must be positive and end before <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static DateTimeOffset WindowEnd(DateTimeOffset now, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        if (window > DateTimeOffset.MaxValue - now)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The window would end after the last representable instant.");
        }

        return now + window;
    }
}
