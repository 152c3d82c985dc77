namespace OAuth2.Storage.InMemory;

/// <summary>Which of the store's maps a grant member lives in.</summary>
internal enum ItemKind : byte
{
    AccessToken = 0,
    RefreshToken = 1,
    AuthorizationCode = 2,
}
