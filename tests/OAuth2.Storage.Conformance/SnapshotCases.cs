using OAuth2.Clients;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// What is saved is a snapshot: changing the caller's lists and dictionaries after saving them changes nothing
/// stored (a serialising backend passes trivially; an in-memory store must copy).
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Snapshot_ChangingASavedClientsCollectionsChangesNothingStored()
    {
        var store = await NewStoreAsync();
        var redirectUris = new List<string> { "https://app.example.com/cb" };
        var grants = new List<string> { GrantTypes.AuthorizationCode };
        var scopes = new List<string> { "read" };
        var properties = new Dictionary<string, string> { ["name"] = "App" };
        var client = new OAuth2Client { Id = Data.Id("client"), RedirectUris = redirectUris, Grants = grants, Scopes = scopes, Properties = properties };
        var expected = client with { RedirectUris = [.. redirectUris], Grants = [.. grants], Scopes = [.. scopes], Properties = new Dictionary<string, string>(properties) };
        await store.SaveClientAsync(client, Ct);

        redirectUris[0] = "https://evil.example.com/cb";
        grants.Add(GrantTypes.Password);
        scopes.Add("admin");
        properties["name"] = "Evil";

        RecordAssert.Equal(expected, await store.FindClientAsync(client.Id, Ct));
    }

    [Fact]
    public async Task Snapshot_ChangingASavedTokensCollectionsChangesNothingStored()
    {
        var store = await NewStoreAsync();
        var scope = new List<string> { "read" };
        var attributes = new Dictionary<string, string> { ["tenant"] = "a" };
        var userProperties = new Dictionary<string, string> { ["role"] = "reader" };
        var access = Data.AccessToken() with { Scope = scope, ExtendedAttributes = attributes, User = new OAuth2User(Data.Id("user")) { Properties = userProperties } };
        var refresh = Data.RefreshTokenFor(access);
        var code = Data.Code(access.GrantId, access.ClientId, access.User) with { Scope = scope };
        var expectedUser = access.User with { Properties = new Dictionary<string, string>(userProperties) };
        var expectedAccess = access with { Scope = [.. scope], ExtendedAttributes = new Dictionary<string, string>(attributes), User = expectedUser };
        var expectedRefresh = refresh with { Scope = [.. scope], User = expectedUser };
        var expectedCode = code with { Scope = [.. scope], User = expectedUser };
        var (accessDigest, refreshDigest, codeDigest) = (Data.Digest(), Data.Digest(), Data.Digest());
        await store.SaveTokensAsync(accessDigest, access, refreshDigest, refresh, Ct);
        await store.SaveAuthorizationCodeAsync(codeDigest, code, Ct);

        scope.Add("admin");
        attributes["tenant"] = "b";
        userProperties["role"] = "admin";

        RecordAssert.Equal(expectedAccess, await store.FindAccessTokenAsync(accessDigest, Ct));
        RecordAssert.Equal(expectedRefresh, await store.FindRefreshTokenAsync(refreshDigest, Ct));
        RecordAssert.Equal(expectedCode, await store.FindAuthorizationCodeAsync(codeDigest, Ct));
    }
}
