namespace OAuth2.Storage.InMemory;

/// <summary>
/// The items of one grant. Families are small (a code, an access token, a refresh token, plus whatever rotation
/// added and expiry has not pruned yet), so a packed array beats a hash set in both memory and speed; the first two
/// members live in the object itself, so most families (one token, or a token pair) need no array at all.
/// Not thread-safe: guarded by the <see cref="GrantIndex"/> stripe lock of its grant.
/// </summary>
internal sealed class GrantMembers
{
    private const int Inline = 2;

    private GrantMember _first;
    private GrantMember _second;
    private GrantMember[]? _rest;
    private int _count;

    public int Count => _count;

    public GrantMember this[int index] => Slot(index);

    public void Add(GrantMember member)
    {
        if (_count >= Inline)
        {
            var restIndex = _count - Inline;
            if (_rest is null || restIndex == _rest.Length)
            {
                Array.Resize(ref _rest, _rest is null ? 2 : _rest.Length * 2);
            }
        }

        _count++;
        Slot(_count - 1) = member;
    }

    public void Remove(GrantMember member)
    {
        for (var i = 0; i < _count; i++)
        {
            var item = Slot(i);
            if (item.Kind == member.Kind && item.Digest.Equals(member.Digest))
            {
                RemoveAt(i);
                return;
            }
        }
    }

    /// <summary>Removes the member at <paramref name="index"/> by moving the last one into its place.</summary>
    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        _count--;
        Slot(index) = Slot(_count);
        Slot(_count) = default;
    }

    private ref GrantMember Slot(int index)
    {
        if (index == 0)
        {
            return ref _first;
        }

        if (index == 1)
        {
            return ref _second;
        }

        return ref _rest![index - Inline];
    }
}
