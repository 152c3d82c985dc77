using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>A grant's members: kept whether they fit in the object or spill into its array, and removed exactly.</summary>
public sealed class GrantMembersTests
{
    private static GrantMember Member(int i) => new(ItemKind.AccessToken, TokenDigest.Compute($"token-{i}"));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(9)]
    public void Holds_every_member_added_and_drops_each_removed_one(int count)
    {
        var members = new GrantMembers();
        for (var i = 0; i < count; i++)
        {
            members.Add(Member(i));
        }

        Assert.Equal(Enumerable.Range(0, count).Select(Member).ToHashSet(), Held(members).ToHashSet());
        Assert.Equal(count, members.Count);
        for (var i = count - 1; i >= 0; i -= 2)
        {
            members.Remove(Member(i));
        }

        var kept = Enumerable.Range(0, count).Where(i => (count - 1 - i) % 2 == 1).Select(Member).ToHashSet();
        Assert.Equal(kept, Held(members).ToHashSet());
        Assert.Equal(kept.Count, members.Count);
    }

    [Fact]
    public void Remove_matches_kind_as_well_as_digest()
    {
        var members = new GrantMembers();
        var digest = TokenDigest.Compute("same");
        members.Add(new GrantMember(ItemKind.AccessToken, digest));
        members.Remove(new GrantMember(ItemKind.RefreshToken, digest));
        Assert.Equal(1, members.Count);
        members.RemoveAt(0);
        Assert.Equal(0, members.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => members.RemoveAt(0));
    }

    private static List<GrantMember> Held(GrantMembers members)
        => Enumerable.Range(0, members.Count).Select(i => members[i]).ToList();
}
