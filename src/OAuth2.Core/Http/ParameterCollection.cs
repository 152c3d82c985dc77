using System.Collections;

namespace OAuth2.Http;

/// <summary>
/// An immutable, multi-valued name/value collection for query strings, form bodies and headers. It keeps every
/// value of a repeated name so that the handlers can reject repeats (RFC 6749 section 3.1) instead of silently
/// picking one.
/// </summary>
/// <remarks>
/// OAuth requests carry a handful of parameters, so names are kept in an array and found by a linear scan, which for
/// a few names is faster than hashing and allocates a fraction of a dictionary; past
/// <see cref="IndexedAbove"/> names an index is built, so a large query cannot make lookups quadratic. A name's
/// values grow by doubling, so a name repeated n times costs O(n) too: building is linear in the input, whatever it is.
/// </remarks>
public sealed class ParameterCollection : IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>
{
    /// <summary>How many names are scanned linearly before a collection gets a hash index.</summary>
    public const int IndexedAbove = 8;

    private readonly KeyValuePair<string, IReadOnlyList<string>>[] _entries;
    private readonly int _count;
    private readonly Dictionary<string, int>? _index;

    /// <summary>An empty, case-sensitive collection.</summary>
    public static ParameterCollection Empty { get; } = new([], 0, StringComparer.Ordinal, index: null);

    /// <summary>Takes over a builder's arrays and its index (built past <see cref="IndexedAbove"/> names), without copying.</summary>
    private ParameterCollection(KeyValuePair<string, IReadOnlyList<string>>[] entries, int count, StringComparer comparer, Dictionary<string, int>? index)
    {
        _entries = entries;
        _count = count;
        Comparer = comparer;
        _index = index;
    }

    /// <summary>How names compare: ordinal for parameters, ordinal-ignore-case for headers.</summary>
    public StringComparer Comparer { get; }

    public int Count => _count;

    /// <summary>Builds a collection from name/value pairs; a name given more than once keeps all its values.</summary>
    public static ParameterCollection From(IEnumerable<KeyValuePair<string, string>> pairs, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var builder = new Builder(4, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            builder.Append(name, value);
        }

        return builder.Build();
    }

    /// <summary>Builds a collection from names that already carry their values (as ASP.NET Core's collections do).</summary>
    public static ParameterCollection From(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> values, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new Builder(4, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (name, list) in values)
        {
            // A name mapped without any value carries nothing; keeping it would leave an empty list behind GetSingle.
            if (list.Count > 0)
            {
                builder.AppendAll(name, list);
            }
        }

        return builder.Build();
    }

    /// <summary>Every value of a name; empty when absent.</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? [] : _entries[i].Value;
    }

    /// <summary>Whether the name occurs at all, even with an empty value.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>
    /// The single value of a name, or <c>null</c> when absent or empty (RFC 6749 section 3.1: a parameter sent
    /// without a value is treated as omitted). A repeated name is <c>invalid_request</c>.
    /// </summary>
    public string? GetSingle(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            return null;
        }

        var list = _entries[i].Value;
        if (list.Count > 1)
        {
            throw new Errors.InvalidRequestException($"Invalid request: parameter `{name}` is repeated");
        }

        return list[0].Length == 0 ? null : list[0];
    }

    /// <summary>A struct enumerator, so that checking every parameter allocates nothing.</summary>
    public Enumerator GetEnumerator() => new(_entries, _count);

    IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Find(_entries, _count, _index, Comparer, name);
    }

    /// <summary>Where <paramref name="name"/> is: through the index when there is one, else by a linear scan.</summary>
    private static int Find(KeyValuePair<string, IReadOnlyList<string>>[] entries, int count, Dictionary<string, int>? index, StringComparer comparer, string name)
    {
        if (index is not null)
        {
            return index.TryGetValue(name, out var found) ? found : -1;
        }

        for (var i = 0; i < count; i++)
        {
            if (comparer.Equals(entries[i].Key, name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Walks the parameters in the order they first appeared.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, IReadOnlyList<string>>>
    {
        private readonly KeyValuePair<string, IReadOnlyList<string>>[] _entries;
        private readonly int _count;
        private int _next;

        internal Enumerator(KeyValuePair<string, IReadOnlyList<string>>[] entries, int count)
        {
            _entries = entries;
            _count = count;
            _next = 0;
            Current = default;
        }

        public KeyValuePair<string, IReadOnlyList<string>> Current { readonly get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_next >= _count)
            {
                return false;
            }

            Current = _entries[_next++];
            return true;
        }

        public void Reset()
        {
            _next = 0;
            Current = default;
        }

        public readonly void Dispose()
        {
        }
    }

    /// <summary>Collects parameters as a parser meets them; <see cref="Build"/> hands the array over without copying.</summary>
    /// <remarks>
    /// A name's first value is kept in a one-element list (the common case: no repeat, nothing more allocated). A
    /// repeat turns it into a <see cref="ValueList"/> that grows by doubling, so n repeats cost O(n) in total, not the
    /// O(n²) of copying the list on every repeat.
    /// </remarks>
    internal struct Builder(int capacity, StringComparer comparer)
    {
        private KeyValuePair<string, IReadOnlyList<string>>[] _entries = capacity == 0 ? [] : new KeyValuePair<string, IReadOnlyList<string>>[capacity];
        private int _count;
        private Dictionary<string, int>? _index;

        /// <summary>Adds a value under a name, after any it already has.</summary>
        public void Append(string name, string value)
        {
            var i = IndexOf(name);
            if (i >= 0)
            {
                Repeated(i).Add(value);
                return;
            }

            Add(name, [value]);
        }

        public void AppendAll(string name, IReadOnlyList<string> values)
        {
            var i = IndexOf(name);
            if (i >= 0)
            {
                var list = Repeated(i);
                for (var k = 0; k < values.Count; k++)
                {
                    list.Add(values[k]);
                }

                return;
            }

            // Copied: the caller's list may change after this, and a collection must not.
            Add(name, [.. values]);
        }

        public readonly ParameterCollection Build() => new(_entries, _count, comparer, _index);

        /// <summary>The growable list of entry <paramref name="i"/>'s values, made on its first repeat.</summary>
        private readonly ValueList Repeated(int i)
        {
            if (_entries[i].Value is ValueList list)
            {
                return list;
            }

            list = new ValueList(_entries[i].Value);
            _entries[i] = new(_entries[i].Key, list);
            return list;
        }

        private void Add(string name, IReadOnlyList<string> values)
        {
            if (_count == _entries.Length)
            {
                Array.Resize(ref _entries, Math.Max(4, _count * 2));
            }

            _entries[_count] = new(name, values);
            _index?.Add(name, _count);
            _count++;
            if (_index is null && _count > IndexedAbove)
            {
                _index = new Dictionary<string, int>(_count * 2, comparer);
                for (var j = 0; j < _count; j++)
                {
                    _index[_entries[j].Key] = j;
                }
            }
        }

        private readonly int IndexOf(string name) => Find(_entries, _count, _index, comparer, name);
    }

    /// <summary>
    /// The values of a repeated name. Only a <see cref="Builder"/> appends to it (it is made there and never handed to
    /// another builder), so once built the collection is read-only to everyone.
    /// </summary>
    private sealed class ValueList : IReadOnlyList<string>
    {
        private string[] _items;
        private int _count;

        public ValueList(IReadOnlyList<string> first)
        {
            _items = new string[Math.Max(4, first.Count * 2)];
            for (var i = 0; i < first.Count; i++)
            {
                _items[i] = first[i];
            }

            _count = first.Count;
        }

        public int Count => _count;

        public string this[int index] => (uint)index < (uint)_count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public void Add(string value)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _count * 2);
            }

            _items[_count++] = value;
        }

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _items[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
