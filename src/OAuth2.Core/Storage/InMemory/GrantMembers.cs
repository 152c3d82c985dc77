namespace OAuth2.Storage.InMemory;

/// <summary>
/// The items of one grant. Families are small (a code, an access token, a refresh token, plus whatever rotation
/// added and expiry has not pruned yet), so a packed array beats a hash set in both memory and speed.
/// Not thread-safe: guarded by the <see cref="GrantIndex"/> stripe lock of its grant.
/// </summary>
internal sealed class GrantMembers
{
    private GrantMember[] _items = new GrantMember[2];
    private int _count;

    public int Count => _count;

    public GrantMember this[int index] => _items[index];

    public void Add(GrantMember member)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = member;
    }

    public void Remove(GrantMember member)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Kind == member.Kind && _items[i].Digest.Equals(member.Digest))
            {
                RemoveAt(i);
                return;
            }
        }
    }

    /// <summary>Removes the member at <paramref name="index"/> by moving the last one into its place.</summary>
    public void RemoveAt(int index)
    {
        _count--;
        _items[index] = _items[_count];
        _items[_count] = default;
    }
}
