using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace OAuth2.Http;

/// <summary>
/// A response's headers: a few name/value pairs, names compared without regard to case, kept in order. The set
/// every JSON response starts with (content type and no-store) is one shared array, copied only if a header is
/// then added or changed, so the common response allocates no table of its own.
/// </summary>
internal sealed class ResponseHeaders : IDictionary<string, string>
{
    private static readonly StringComparer NameComparer = StringComparer.OrdinalIgnoreCase;

    private KeyValuePair<string, string>[] _items = [];
    private int _count;
    private bool _shared;

    /// <summary>Headers that start as <paramref name="template"/>, which is never written to.</summary>
    public static ResponseHeaders StartingWith(KeyValuePair<string, string>[] template)
        => new() { _items = template, _count = template.Length, _shared = true };

    public int Count => _count;

    public bool IsReadOnly => false;

    public ICollection<string> Keys => _items.Take(_count).Select(static header => header.Key).ToArray();

    public ICollection<string> Values => _items.Take(_count).Select(static header => header.Value).ToArray();

    public string this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No header `{key}`.");
        set
        {
            var index = IndexOf(key);
            if (index >= 0)
            {
                // As a dictionary does: the name keeps its first spelling, the value is replaced.
                Writable()[index] = new(_items[index].Key, value);
            }
            else
            {
                Append(key, value);
            }
        }
    }

    public void Add(string key, string value)
    {
        if (IndexOf(key) >= 0)
        {
            throw new ArgumentException($"A header named `{key}` is already present.", nameof(key));
        }

        Append(key, value);
    }

    public void Add(KeyValuePair<string, string> item) => Add(item.Key, item.Value);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool Contains(KeyValuePair<string, string> item)
        => TryGetValue(item.Key, out var value) && EqualityComparer<string>.Default.Equals(value, item.Value);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _items[index].Value : default;
        return index >= 0;
    }

    public bool Remove(string key)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            return false;
        }

        var items = Writable();
        Array.Copy(items, index + 1, items, index, _count - index - 1);
        items[--_count] = default;
        return true;
    }

    public bool Remove(KeyValuePair<string, string> item) => Contains(item) && Remove(item.Key);

    public void Clear()
    {
        _items = [];
        _count = 0;
        _shared = false;
    }

    public void CopyTo(KeyValuePair<string, string>[] array, int arrayIndex) => Array.Copy(_items, 0, array, arrayIndex, _count);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        var items = _items;
        var count = _count;
        for (var i = 0; i < count; i++)
        {
            yield return items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _count; i++)
        {
            if (NameComparer.Equals(_items[i].Key, key))
            {
                return i;
            }
        }

        return -1;
    }

    private void Append(string key, string value)
    {
        if (_shared || _count == _items.Length)
        {
            var grown = new KeyValuePair<string, string>[Math.Max(4, _items.Length * 2)];
            Array.Copy(_items, grown, _count);
            _items = grown;
            _shared = false;
        }

        _items[_count++] = new(key, value);
    }

    /// <summary>The array to write to: a private copy once the shared template would be changed.</summary>
    private KeyValuePair<string, string>[] Writable()
    {
        if (_shared)
        {
            _items = (KeyValuePair<string, string>[])_items.Clone();
            _shared = false;
        }

        return _items;
    }
}
