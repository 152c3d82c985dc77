namespace OAuth2.Storage.InMemory;

/// <summary>
/// Grant id → the items of that grant, so a family is revoked without scanning the store. Striped locks keep
/// unrelated grants from contending; the store performs its own map writes for a grant inside that grant's lock,
/// so an item and its index entry appear and disappear together.
/// </summary>
internal sealed class GrantIndex
{
    private const int StripeCount = 32;

    private readonly Lock[] _locks = new Lock[StripeCount];
    private readonly Dictionary<string, GrantMembers>[] _members = new Dictionary<string, GrantMembers>[StripeCount];

    public GrantIndex()
    {
        for (var i = 0; i < StripeCount; i++)
        {
            _locks[i] = new Lock();
            _members[i] = new Dictionary<string, GrantMembers>(StringComparer.Ordinal);
        }
    }

    /// <summary>The stripe of a grant: take <see cref="LockOf"/> before calling the other members with it.</summary>
    public static int StripeOf(string grantId) => (int)((uint)StringComparer.Ordinal.GetHashCode(grantId) % StripeCount);

    public Lock LockOf(int stripe) => _locks[stripe];

    /// <summary>Records a member; the caller holds the stripe lock.</summary>
    public void Add(int stripe, string grantId, GrantMember member)
    {
        var map = _members[stripe];
        if (!map.TryGetValue(grantId, out var members))
        {
            members = new GrantMembers();
            map.Add(grantId, members);
        }

        members.Add(member);
    }

    /// <summary>Forgets a member; the caller holds the stripe lock.</summary>
    public void Remove(int stripe, string grantId, GrantMember member)
    {
        var map = _members[stripe];
        if (map.TryGetValue(grantId, out var members))
        {
            members.Remove(member);
            if (members.Count == 0)
            {
                map.Remove(grantId);
            }
        }
    }

    /// <summary>The members of a grant, or <c>null</c>; the caller holds the stripe lock.</summary>
    public GrantMembers? Find(int stripe, string grantId) => _members[stripe].GetValueOrDefault(grantId);

    /// <summary>Drops an emptied grant; the caller holds the stripe lock.</summary>
    public void RemoveIfEmpty(int stripe, string grantId, GrantMembers members)
    {
        if (members.Count == 0)
        {
            _members[stripe].Remove(grantId);
        }
    }
}
