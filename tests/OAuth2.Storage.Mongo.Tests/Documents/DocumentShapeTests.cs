using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using OAuth2.Clients;
using OAuth2.Storage.Mongo.Documents;

namespace OAuth2.Storage.Mongo.Tests.Documents;

/// <summary>
/// Every document type through the driver's own serializer: the exact element names and BSON types, and back to
/// the core record unchanged (times at millisecond precision). No server needed.
/// </summary>
public sealed class DocumentShapeTests
{
    public DocumentShapeTests() => DocumentClassMaps.EnsureRegistered();

    [Fact]
    public void Access_token_has_the_documented_shape()
    {
        var bson = DocumentMapper.ToDocument(Samples.Digest("at"), Samples.AccessToken).ToBsonDocument();

        Assert.Equal(["_id", "clientId", "user", "scope", "issuedAt", "expiresAt", "grantId", "extendedAttributes", "audience"], bson.Names);
        AssertDigest(bson["_id"], Samples.Digest("at"));
        Assert.Equal(new BsonString("Client-Ä"), bson["clientId"]);
        AssertUser(bson["user"]);
        AssertStrings(bson["scope"], "read", "wríte");
        AssertDate(bson["issuedAt"], Samples.Issued);
        AssertDate(bson["expiresAt"], Samples.Issued.AddHours(1));
        Assert.Equal(new BsonString("grant-1"), bson["grantId"]);
        Assert.Equal(new BsonArray { new BsonDocument { { "k", "tenant" }, { "v", "t-1" } } }, bson["extendedAttributes"]);
    }

    [Fact]
    public void Access_token_round_trips()
    {
        var original = Samples.AccessToken;
        var bson = DocumentMapper.ToDocument(Samples.Digest("at"), original).ToBsonDocument();

        var back = DocumentMapper.ToAccessToken(BsonSerializer.Deserialize<AccessTokenDocument>(bson));

        Assert.Equal(original.ClientId, back.ClientId);
        AssertUserEqual(original.User, back.User);
        Assert.Equal(original.Scope, back.Scope);
        Assert.Equal(Samples.Ms(original.IssuedAt), back.IssuedAt);
        Assert.Equal(TimeSpan.Zero, back.IssuedAt.Offset);
        Assert.Equal(Samples.Ms(original.ExpiresAt), back.ExpiresAt);
        Assert.Equal(original.GrantId, back.GrantId);
        Assert.Equal(original.ExtendedAttributes, back.ExtendedAttributes);
    }

    [Fact]
    public void Refresh_token_has_the_documented_shape()
    {
        var bson = DocumentMapper.ToDocument(Samples.Digest("rt"), Samples.RefreshToken).ToBsonDocument();

        Assert.Equal(["_id", "clientId", "user", "scope", "issuedAt", "expiresAt", "grantId", "redeemedAt", "resources"], bson.Names);
        AssertDigest(bson["_id"], Samples.Digest("rt"));
        AssertUser(bson["user"]);
        AssertStrings(bson["scope"], "read");
        AssertDate(bson["expiresAt"], Samples.Issued.AddDays(30));
        AssertDate(bson["redeemedAt"], Samples.Issued.AddMinutes(5));
    }

    [Fact]
    public void Refresh_token_without_expiry_stores_null_which_the_ttl_index_ignores()
    {
        var token = Samples.RefreshToken with { ExpiresAt = null, RedeemedAt = null };
        var bson = DocumentMapper.ToDocument(Samples.Digest("rt"), token).ToBsonDocument();

        Assert.Equal(BsonNull.Value, bson["expiresAt"]);
        Assert.Equal(BsonNull.Value, bson["redeemedAt"]);
        var back = DocumentMapper.ToRefreshToken(BsonSerializer.Deserialize<RefreshTokenDocument>(bson));
        Assert.Null(back.ExpiresAt);
        Assert.Null(back.RedeemedAt);
    }

    [Fact]
    public void Refresh_token_round_trips()
    {
        var original = Samples.RefreshToken;
        var bson = DocumentMapper.ToDocument(Samples.Digest("rt"), original).ToBsonDocument();

        var back = DocumentMapper.ToRefreshToken(BsonSerializer.Deserialize<RefreshTokenDocument>(bson));

        Assert.Equal(original.ClientId, back.ClientId);
        AssertUserEqual(original.User, back.User);
        Assert.Equal(original.Scope, back.Scope);
        Assert.Equal(Samples.Ms(original.IssuedAt), back.IssuedAt);
        Assert.Equal(Samples.Ms(original.ExpiresAt!.Value), back.ExpiresAt);
        Assert.Equal(original.GrantId, back.GrantId);
        Assert.Equal(Samples.Ms(original.RedeemedAt!.Value), back.RedeemedAt);
    }

    [Fact]
    public void Authorization_code_has_the_documented_shape()
    {
        var bson = DocumentMapper.ToDocument(Samples.Digest("code"), Samples.Code).ToBsonDocument();

        Assert.Equal(
            ["_id", "clientId", "user", "scope", "issuedAt", "expiresAt", "redirectUri", "redirectUriSupplied", "codeChallenge", "codeChallengeMethod", "grantId", "redeemedAt", "resources"],
            bson.Names);
        AssertDigest(bson["_id"], Samples.Digest("code"));
        AssertUser(bson["user"]);
        AssertStrings(bson["scope"], "openid", "read");
        AssertDate(bson["expiresAt"], Samples.Issued.AddMinutes(10));
        Assert.Equal(new BsonString("https://app.example/cb?x=1"), bson["redirectUri"]);
        Assert.Equal(BsonBoolean.True, bson["redirectUriSupplied"]);
        Assert.Equal(new BsonString("S256"), bson["codeChallengeMethod"]);
        Assert.Equal(BsonNull.Value, bson["redeemedAt"]);
    }

    [Fact]
    public void Authorization_code_round_trips_set_and_unset_optionals()
    {
        var full = Samples.Code with { RedeemedAt = Samples.Issued.AddMinutes(1) };
        var bare = Samples.Code with { RedirectUri = null, RedirectUriSupplied = false, CodeChallenge = null, CodeChallengeMethod = null, Scope = [] };

        foreach (var original in new[] { full, bare })
        {
            var bson = DocumentMapper.ToDocument(Samples.Digest("code"), original).ToBsonDocument();
            var back = DocumentMapper.ToAuthorizationCode(BsonSerializer.Deserialize<AuthorizationCodeDocument>(bson));

            Assert.Equal(original.ClientId, back.ClientId);
            AssertUserEqual(original.User, back.User);
            Assert.Equal(original.Scope, back.Scope);
            Assert.Equal(Samples.Ms(original.IssuedAt), back.IssuedAt);
            Assert.Equal(Samples.Ms(original.ExpiresAt), back.ExpiresAt);
            Assert.Equal(original.RedirectUri, back.RedirectUri);
            Assert.Equal(original.RedirectUriSupplied, back.RedirectUriSupplied);
            Assert.Equal(original.CodeChallenge, back.CodeChallenge);
            Assert.Equal(original.CodeChallengeMethod, back.CodeChallengeMethod);
            Assert.Equal(original.GrantId, back.GrantId);
            Assert.Equal(original.RedeemedAt is { } r ? Samples.Ms(r) : null, back.RedeemedAt);
        }
    }

    [Fact]
    public void Client_has_the_documented_shape()
    {
        var bson = DocumentMapper.ToDocument(Samples.Client).ToBsonDocument();

        Assert.Equal(
            ["_id", "type", "secretHash", "redirectUris", "grants", "scopes", "accessTokenLifetimeTicks", "refreshTokenLifetimeTicks", "requirePkce", "properties", "resources", "dpopBoundAccessTokens"],
            bson.Names);
        Assert.Equal(new BsonString("Client-Ä"), bson["_id"]);
        Assert.Equal(new BsonString("public"), bson["type"]);
        AssertStrings(bson["redirectUris"], "https://app.example/cb", "http://127.0.0.1/cb");
        AssertStrings(bson["scopes"], "read", "write");
        Assert.Equal(new BsonInt64(12_345_678_901), bson["accessTokenLifetimeTicks"]);
        Assert.Equal(BsonBoolean.True, bson["requirePkce"]);
        Assert.Equal(BsonType.Array, bson["properties"].BsonType);
    }

    [Fact]
    public void A_dynamically_registered_client_adds_only_the_registration_token_hash_element()
    {
        // Clients stored before RFC 7592 support have no such element and read back with no hash.
        var bson = DocumentMapper.ToDocument(Samples.Client with { RegistrationAccessTokenHash = "sha256$hash" }).ToBsonDocument();

        Assert.Equal("registrationTokenHash", bson.Names.Last());
        Assert.Equal(new BsonString("sha256$hash"), bson["registrationTokenHash"]);
        Assert.Null(DocumentMapper.ToClient(DocumentMapper.ToDocument(Samples.Client)).RegistrationAccessTokenHash);
    }

    [Fact]
    public void A_client_whose_secret_expires_adds_only_a_utc_date_element()
    {
        // RFC 7591 client_secret_expires_at: a BSON date (UTC); clients stored before it, or whose secret never
        // expires, have no such element and read back with none.
        var expiresAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2));
        var bson = DocumentMapper.ToDocument(Samples.Client with { ClientSecretExpiresAt = expiresAt }).ToBsonDocument();

        Assert.Equal("secretExpiresAt", bson.Names.Last());
        Assert.Equal(BsonType.DateTime, bson["secretExpiresAt"].BsonType);
        Assert.Equal(expiresAt.ToUnixTimeMilliseconds(), bson["secretExpiresAt"].AsBsonDateTime.MillisecondsSinceEpoch);
        Assert.Equal(expiresAt, DocumentMapper.ToClient(BsonSerializer.Deserialize<ClientDocument>(bson)).ClientSecretExpiresAt);
        Assert.DoesNotContain("secretExpiresAt", DocumentMapper.ToDocument(Samples.Client).ToBsonDocument().Names);
        Assert.Null(DocumentMapper.ToClient(DocumentMapper.ToDocument(Samples.Client)).ClientSecretExpiresAt);
    }

    [Fact]
    public void Client_round_trips_set_and_unset_optionals()
    {
        var full = Samples.Client;
        var bare = new OAuth2Client { Id = "abc" };

        foreach (var original in new[] { full, bare })
        {
            var bson = DocumentMapper.ToDocument(original).ToBsonDocument();
            var back = DocumentMapper.ToClient(BsonSerializer.Deserialize<ClientDocument>(bson));

            Assert.Equal(original.Id, back.Id);
            Assert.Equal(original.Type, back.Type);
            Assert.Equal(original.SecretHash, back.SecretHash);
            Assert.Equal(original.RedirectUris, back.RedirectUris);
            Assert.Equal(original.Grants, back.Grants);
            Assert.Equal(original.Scopes, back.Scopes);
            Assert.Equal(original.AccessTokenLifetime, back.AccessTokenLifetime);
            Assert.Equal(original.RefreshTokenLifetime, back.RefreshTokenLifetime);
            Assert.Equal(original.RequirePkce, back.RequirePkce);
            Assert.Equal(original.Properties, back.Properties);
        }
    }

    [Fact]
    public void Client_keeps_null_scopes_apart_from_empty_scopes()
    {
        var unset = DocumentMapper.ToDocument(new OAuth2Client { Id = "a", Scopes = null }).ToBsonDocument();
        var empty = DocumentMapper.ToDocument(new OAuth2Client { Id = "a", Scopes = [] }).ToBsonDocument();

        Assert.Equal(BsonNull.Value, unset["scopes"]);
        Assert.Equal(new BsonArray(), empty["scopes"]);
        Assert.Null(DocumentMapper.ToClient(BsonSerializer.Deserialize<ClientDocument>(unset)).Scopes);
        Assert.Empty(DocumentMapper.ToClient(BsonSerializer.Deserialize<ClientDocument>(empty)).Scopes!);
    }

    [Fact]
    public void Client_type_is_stored_by_name_not_by_enum_value()
    {
        var confidential = DocumentMapper.ToDocument(new OAuth2Client { Id = "a", Type = ClientType.Confidential }).ToBsonDocument();

        Assert.Equal(new BsonString("confidential"), confidential["type"]);
    }

    [Fact]
    public void Unknown_elements_written_by_a_newer_version_are_ignored()
    {
        var bson = DocumentMapper.ToDocument(Samples.Digest("at"), Samples.AccessToken).ToBsonDocument();
        bson.Add("addedLater", 1);

        var back = BsonSerializer.Deserialize<AccessTokenDocument>(bson);

        Assert.Equal("grant-1", back.GrantId);
    }

    [Fact]
    public void The_registered_class_maps_are_the_explicit_ones()
    {
        Assert.Same(DocumentClassMaps.AccessToken, BsonClassMap.LookupClassMap(typeof(AccessTokenDocument)));
        Assert.Same(DocumentClassMaps.RefreshToken, BsonClassMap.LookupClassMap(typeof(RefreshTokenDocument)));
        Assert.Same(DocumentClassMaps.AuthorizationCode, BsonClassMap.LookupClassMap(typeof(AuthorizationCodeDocument)));
        Assert.Same(DocumentClassMaps.Client, BsonClassMap.LookupClassMap(typeof(ClientDocument)));
        Assert.Same(DocumentClassMaps.User, BsonClassMap.LookupClassMap(typeof(UserDocument)));
    }

    [Fact]
    public void Registration_is_safe_from_many_threads_at_once()
    {
        Parallel.For(0, 32, _ => DocumentClassMaps.EnsureRegistered());

        Assert.True(DocumentClassMaps.AccessToken.IsFrozen);
    }

    private static void AssertDigest(BsonValue value, TokenDigest digest)
    {
        var binary = Assert.IsType<BsonBinaryData>(value);
        Assert.Equal(BsonBinarySubType.Binary, binary.SubType);
        Assert.Equal(32, binary.Bytes.Length);
        Assert.Equal(digest.ToArray(), binary.Bytes);
    }

    private static void AssertDate(BsonValue value, DateTimeOffset expected)
    {
        var date = Assert.IsType<BsonDateTime>(value);
        Assert.Equal(expected.ToUnixTimeMilliseconds(), date.MillisecondsSinceEpoch);
    }

    private static void AssertStrings(BsonValue value, params string[] expected)
    {
        var array = Assert.IsType<BsonArray>(value);
        Assert.All(array, item => Assert.Equal(BsonType.String, item.BsonType));
        Assert.Equal(expected, array.Select(item => item.AsString));
    }

    private static void AssertUser(BsonValue value)
    {
        var user = Assert.IsType<BsonDocument>(value);
        Assert.Equal(["id", "properties"], user.Names);
        Assert.Equal(new BsonString("user-ü-1"), user["id"]);
        var properties = Assert.IsType<BsonArray>(user["properties"]);
        Assert.Equal(Samples.OddBag.Count, properties.Count);
        Assert.Contains(new BsonDocument { { "k", "a.b" }, { "v", "dotted key" } }, properties);
        Assert.Contains(new BsonDocument { { "k", "" }, { "v", "empty key" } }, properties);
    }

    private static void AssertUserEqual(OAuth2User expected, OAuth2User actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Properties.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Properties.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
