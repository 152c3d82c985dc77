using System.Collections;

namespace OAuth2.Http;

/// <summary>
/// An immutable, multi-valued name/value collection for query strings, form bodies and headers. It keeps every
/// value of a repeated name so that the handlers can reject repeats (RFC 6749 section 3.1) instead of silently
/// picking one.
/// </summary>
public sealed class ParameterCollection : IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>
{
    private readonly Dictionary<string, IReadOnlyList<string>> _values;

    /// <summary>An empty, case-sensitive collection.</summary>
    public static ParameterCollection Empty { get; } = new([], StringComparer.Ordinal);

    private ParameterCollection(Dictionary<string, IReadOnlyList<string>> values, StringComparer comparer)
    {
        _values = values;
        Comparer = comparer;
    }

    /// <summary>How names compare: ordinal for parameters, ordinal-ignore-case for headers.</summary>
    public StringComparer Comparer { get; }

    public int Count => _values.Count;

    /// <summary>Builds a collection from name/value pairs; a name given more than once keeps all its values.</summary>
    public static ParameterCollection From(IEnumerable<KeyValuePair<string, string>> pairs, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var values = new Dictionary<string, IReadOnlyList<string>>(comparer);
        foreach (var (name, value) in pairs)
        {
            Append(values, name, value);
        }

        return new ParameterCollection(values, comparer);
    }

    /// <summary>Builds a collection from names that already carry their values (as ASP.NET Core's collections do).</summary>
    public static ParameterCollection From(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> values, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var copy = new Dictionary<string, IReadOnlyList<string>>(comparer);
        foreach (var (name, list) in values)
        {
            // A name mapped without any value carries nothing; keeping it would leave an empty list behind GetSingle.
            if (list.Count == 0)
            {
                continue;
            }

            copy[name] = copy.TryGetValue(name, out var existing) ? [.. existing, .. list] : [.. list];
        }

        return new ParameterCollection(copy, comparer);
    }

    /// <summary>A table for <see cref="Append"/>, to be wrapped by <see cref="Wrap"/>.</summary>
    internal static Dictionary<string, IReadOnlyList<string>> NewTable(int capacity, StringComparer comparer) => new(capacity, comparer);

    /// <summary>Adds a value under a name, after any it already has (what <see cref="From(IEnumerable{KeyValuePair{string, string}}, bool)"/> does per pair).</summary>
    internal static void Append(Dictionary<string, IReadOnlyList<string>> values, string name, string value)
    {
        if (values.TryGetValue(name, out var existing))
        {
            values[name] = [.. existing, value];
        }
        else
        {
            values[name] = [value];
        }
    }

    /// <summary>A collection over a table built by <see cref="Append"/>, which the caller then no longer touches.</summary>
    internal static ParameterCollection Wrap(Dictionary<string, IReadOnlyList<string>> values, StringComparer comparer) => new(values, comparer);

    /// <summary>Every value of a name; empty when absent.</summary>
    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>Whether the name occurs at all, even with an empty value.</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>
    /// The single value of a name, or <c>null</c> when absent or empty (RFC 6749 section 3.1: a parameter sent
    /// without a value is treated as omitted). A repeated name is <c>invalid_request</c>.
    /// </summary>
    public string? GetSingle(string name)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            return null;
        }

        if (list.Count > 1)
        {
            throw new Errors.InvalidRequestException($"Invalid request: parameter `{name}` is repeated");
        }

        return list[0].Length == 0 ? null : list[0];
    }

    /// <summary>A struct enumerator, so that checking every parameter allocates nothing.</summary>
    public Dictionary<string, IReadOnlyList<string>>.Enumerator GetEnumerator() => _values.GetEnumerator();

    IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
