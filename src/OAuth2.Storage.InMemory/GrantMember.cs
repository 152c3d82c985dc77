namespace OAuth2.Storage.InMemory;

/// <summary>One item of a grant (token family): which map, and its key there.</summary>
internal readonly record struct GrantMember(ItemKind Kind, TokenDigest Digest);
