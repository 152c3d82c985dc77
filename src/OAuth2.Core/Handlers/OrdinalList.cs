namespace OAuth2.Handlers;

/// <summary>Ordinal membership in a list without the enumerator LINQ's comparer overload allocates.</summary>
internal static class OrdinalList
{
    public static bool ContainsOrdinal(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
