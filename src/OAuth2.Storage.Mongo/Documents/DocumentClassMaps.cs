using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Options;
using MongoDB.Bson.Serialization.Serializers;

namespace OAuth2.Storage.Mongo.Documents;

/// <summary>
/// Explicit BSON class maps for the stored documents: every element name and every member serializer is set here
/// rather than inferred, so neither a C# rename nor a convention or serializer the application registers globally
/// (camel case, enum as string, local DateTime, ...) can change what is stored.
/// </summary>
/// <remarks>
/// The driver keeps class maps in a process-wide registry that refuses a second registration for a type. The maps
/// are therefore registered exactly once per process, by this class's static constructor (the runtime runs it once
/// and makes every other thread wait for it), with <see cref="BsonClassMap.TryRegisterClassMap{TClass}(BsonClassMap{TClass})"/>
/// so that a second store, a second test or a second DI container in the same process is harmless. Nothing here
/// is mutable after that: the fields are read-only references to frozen maps.
/// </remarks>
internal static class DocumentClassMaps
{
    private static readonly IBsonSerializer<string> Text = new StringSerializer();
    private static readonly IBsonSerializer<string[]> TextArray = new ArraySerializer<string>(new StringSerializer());
    private static readonly IBsonSerializer<byte[]> Digest = new ByteArraySerializer(BsonType.Binary);
    private static readonly IBsonSerializer<bool> Flag = new BooleanSerializer();
    private static readonly IBsonSerializer<DateTime> UtcDate = new DateTimeSerializer(DateTimeKind.Utc, BsonType.DateTime);
    private static readonly IBsonSerializer<DateTime?> OptionalUtcDate = new NullableSerializer<DateTime>(new DateTimeSerializer(DateTimeKind.Utc, BsonType.DateTime));
    private static readonly IBsonSerializer<long?> OptionalTicks = new NullableSerializer<long>(new Int64Serializer());
    private static readonly IBsonSerializer<long> Int64 = new Int64Serializer(BsonType.Int64);
    private static readonly IBsonSerializer<int> Int32 = new Int32Serializer(BsonType.Int32);

    /// <summary>
    /// A property bag as an array of <c>{k, v}</c> documents rather than a sub-document: keys are arbitrary strings
    /// (empty, with dots, starting with <c>$</c>) that are not all valid BSON element names.
    /// </summary>
    private static readonly IBsonSerializer<Dictionary<string, string>> Bag =
        new DictionaryInterfaceImplementerSerializer<Dictionary<string, string>, string, string>(
            DictionaryRepresentation.ArrayOfDocuments, new StringSerializer(), new StringSerializer());

    static DocumentClassMaps()
    {
        User = Register(BuildUser());
        var user = new BsonClassMapSerializer<UserDocument>(User);
        Client = Register(BuildClient());
        AccessToken = Register(BuildAccessToken(user));
        RefreshToken = Register(BuildRefreshToken(user));
        AuthorizationCode = Register(BuildAuthorizationCode(user));
        DeviceAuthorization = Register(BuildDeviceAuthorization(user));
    }

    public static BsonClassMap<UserDocument> User { get; }

    public static BsonClassMap<ClientDocument> Client { get; }

    public static BsonClassMap<AccessTokenDocument> AccessToken { get; }

    public static BsonClassMap<RefreshTokenDocument> RefreshToken { get; }

    public static BsonClassMap<AuthorizationCodeDocument> AuthorizationCode { get; }

    public static BsonClassMap<DeviceAuthorizationDocument> DeviceAuthorization { get; }

    /// <summary>Makes sure the maps are registered before the driver first meets a document type.</summary>
    public static void EnsureRegistered()
    {
        if (DeviceAuthorization is null)
        {
            throw new InvalidOperationException("The OAuth2 MongoDB class maps are not registered.");
        }
    }

    private static BsonClassMap<T> Register<T>(BsonClassMap<T> map)
    {
        map.Freeze();
        BsonClassMap.TryRegisterClassMap(map);
        if (!ReferenceEquals(BsonClassMap.LookupClassMap(typeof(T)), map))
        {
            // Only possible if the driver auto-mapped the internal type before this class ran.
            throw new InvalidOperationException($"Another BSON class map is already registered for {typeof(T).Name}.");
        }

        return map;
    }

    private static BsonClassMap<UserDocument> BuildUser()
    {
        var map = new BsonClassMap<UserDocument>();
        map.MapMember(d => d.Id).SetElementName(ElementNames.UserId).SetSerializer(Text);
        map.MapMember(d => d.Properties).SetElementName(ElementNames.Properties).SetSerializer(Bag);
        map.SetIgnoreExtraElements(true);
        return map;
    }

    private static BsonClassMap<ClientDocument> BuildClient()
    {
        var map = new BsonClassMap<ClientDocument>();
        map.MapIdMember(d => d.Id).SetSerializer(Text);
        map.MapMember(d => d.Type).SetElementName(ElementNames.Type).SetSerializer(Text);
        map.MapMember(d => d.SecretHash).SetElementName(ElementNames.SecretHash).SetSerializer(Text);
        map.MapMember(d => d.RedirectUris).SetElementName(ElementNames.RedirectUris).SetSerializer(TextArray);
        map.MapMember(d => d.Grants).SetElementName(ElementNames.Grants).SetSerializer(TextArray);
        map.MapMember(d => d.Scopes).SetElementName(ElementNames.Scopes).SetSerializer(TextArray);
        map.MapMember(d => d.AccessTokenLifetimeTicks).SetElementName(ElementNames.AccessTokenLifetimeTicks).SetSerializer(OptionalTicks);
        map.MapMember(d => d.RefreshTokenLifetimeTicks).SetElementName(ElementNames.RefreshTokenLifetimeTicks).SetSerializer(OptionalTicks);
        map.MapMember(d => d.RequirePkce).SetElementName(ElementNames.RequirePkce).SetSerializer(Flag);
        map.MapMember(d => d.Properties).SetElementName(ElementNames.Properties).SetSerializer(Bag);
        map.MapMember(d => d.TokenEndpointAuthMethod).SetElementName(ElementNames.TokenEndpointAuthMethod).SetSerializer(Text).SetIgnoreIfNull(true);
        map.MapMember(d => d.Jwks).SetElementName(ElementNames.Jwks).SetSerializer(Text).SetIgnoreIfNull(true);
        map.MapMember(d => d.Resources).SetElementName(ElementNames.Resources).SetSerializer(TextArray);
        map.MapMember(d => d.DpopBoundAccessTokens).SetElementName(ElementNames.DpopBoundAccessTokens).SetSerializer(Flag);
        // Added after the first release: documents written before it lack the element and read as false.
        map.MapMember(d => d.RequirePushedAuthorizationRequests).SetElementName(ElementNames.RequirePushedAuthorizationRequests).SetSerializer(Flag).SetIgnoreIfDefault(true);
        map.MapMember(d => d.RegistrationAccessTokenHash).SetElementName(ElementNames.RegistrationAccessTokenHash).SetSerializer(Text).SetIgnoreIfNull(true);
        map.MapMember(d => d.ClientSecretExpiresAt).SetElementName(ElementNames.ClientSecretExpiresAt).SetSerializer(OptionalUtcDate).SetIgnoreIfNull(true);
        map.SetIgnoreExtraElements(true);
        return map;
    }

    private static BsonClassMap<AccessTokenDocument> BuildAccessToken(IBsonSerializer<UserDocument> user)
    {
        var map = new BsonClassMap<AccessTokenDocument>();
        map.MapIdMember(d => d.Id).SetSerializer(Digest);
        map.MapMember(d => d.ClientId).SetElementName(ElementNames.ClientId).SetSerializer(Text);
        map.MapMember(d => d.User).SetElementName(ElementNames.User).SetSerializer(user);
        map.MapMember(d => d.Scope).SetElementName(ElementNames.Scope).SetSerializer(TextArray);
        map.MapMember(d => d.IssuedAt).SetElementName(ElementNames.IssuedAt).SetSerializer(UtcDate);
        map.MapMember(d => d.ExpiresAt).SetElementName(ElementNames.ExpiresAt).SetSerializer(UtcDate);
        map.MapMember(d => d.GrantId).SetElementName(ElementNames.GrantId).SetSerializer(Text);
        map.MapMember(d => d.ExtendedAttributes).SetElementName(ElementNames.ExtendedAttributes).SetSerializer(Bag);
        map.MapMember(d => d.Audience).SetElementName(ElementNames.Audience).SetSerializer(TextArray);
        map.MapMember(d => d.JwkThumbprint).SetElementName(ElementNames.JwkThumbprint).SetSerializer(Text).SetIgnoreIfNull(true);
        map.SetIgnoreExtraElements(true);
        return map;
    }

    private static BsonClassMap<RefreshTokenDocument> BuildRefreshToken(IBsonSerializer<UserDocument> user)
    {
        var map = new BsonClassMap<RefreshTokenDocument>();
        map.MapIdMember(d => d.Id).SetSerializer(Digest);
        map.MapMember(d => d.ClientId).SetElementName(ElementNames.ClientId).SetSerializer(Text);
        map.MapMember(d => d.User).SetElementName(ElementNames.User).SetSerializer(user);
        map.MapMember(d => d.Scope).SetElementName(ElementNames.Scope).SetSerializer(TextArray);
        map.MapMember(d => d.IssuedAt).SetElementName(ElementNames.IssuedAt).SetSerializer(UtcDate);
        map.MapMember(d => d.ExpiresAt).SetElementName(ElementNames.ExpiresAt).SetSerializer(OptionalUtcDate);
        map.MapMember(d => d.GrantId).SetElementName(ElementNames.GrantId).SetSerializer(Text);
        map.MapMember(d => d.RedeemedAt).SetElementName(ElementNames.RedeemedAt).SetSerializer(OptionalUtcDate);
        map.MapMember(d => d.Resources).SetElementName(ElementNames.Resources).SetSerializer(TextArray);
        map.MapMember(d => d.JwkThumbprint).SetElementName(ElementNames.JwkThumbprint).SetSerializer(Text).SetIgnoreIfNull(true);
        map.SetIgnoreExtraElements(true);
        return map;
    }

    private static BsonClassMap<AuthorizationCodeDocument> BuildAuthorizationCode(IBsonSerializer<UserDocument> user)
    {
        var map = new BsonClassMap<AuthorizationCodeDocument>();
        map.MapIdMember(d => d.Id).SetSerializer(Digest);
        map.MapMember(d => d.ClientId).SetElementName(ElementNames.ClientId).SetSerializer(Text);
        map.MapMember(d => d.User).SetElementName(ElementNames.User).SetSerializer(user);
        map.MapMember(d => d.Scope).SetElementName(ElementNames.Scope).SetSerializer(TextArray);
        map.MapMember(d => d.IssuedAt).SetElementName(ElementNames.IssuedAt).SetSerializer(UtcDate);
        map.MapMember(d => d.ExpiresAt).SetElementName(ElementNames.ExpiresAt).SetSerializer(UtcDate);
        map.MapMember(d => d.RedirectUri).SetElementName(ElementNames.RedirectUri).SetSerializer(Text);
        map.MapMember(d => d.RedirectUriSupplied).SetElementName(ElementNames.RedirectUriSupplied).SetSerializer(Flag);
        map.MapMember(d => d.CodeChallenge).SetElementName(ElementNames.CodeChallenge).SetSerializer(Text);
        map.MapMember(d => d.CodeChallengeMethod).SetElementName(ElementNames.CodeChallengeMethod).SetSerializer(Text);
        map.MapMember(d => d.GrantId).SetElementName(ElementNames.GrantId).SetSerializer(Text);
        map.MapMember(d => d.RedeemedAt).SetElementName(ElementNames.RedeemedAt).SetSerializer(OptionalUtcDate);
        map.MapMember(d => d.Resources).SetElementName(ElementNames.Resources).SetSerializer(TextArray);
        map.MapMember(d => d.DpopJkt).SetElementName(ElementNames.DpopJkt).SetSerializer(Text).SetIgnoreIfNull(true);
        map.SetIgnoreExtraElements(true);
        return map;
    }

    private static BsonClassMap<DeviceAuthorizationDocument> BuildDeviceAuthorization(IBsonSerializer<UserDocument> user)
    {
        var map = new BsonClassMap<DeviceAuthorizationDocument>();
        map.MapIdMember(d => d.Id).SetSerializer(Digest);
        map.MapMember(d => d.UserCode).SetElementName(ElementNames.UserCode).SetSerializer(Digest);
        map.MapMember(d => d.ClientId).SetElementName(ElementNames.ClientId).SetSerializer(Text);
        map.MapMember(d => d.Scope).SetElementName(ElementNames.Scope).SetSerializer(TextArray);
        map.MapMember(d => d.IssuedAt).SetElementName(ElementNames.IssuedAt).SetSerializer(UtcDate);
        map.MapMember(d => d.ExpiresAt).SetElementName(ElementNames.ExpiresAt).SetSerializer(UtcDate);
        map.MapMember(d => d.RetainUntil).SetElementName(ElementNames.RetainUntil).SetSerializer(UtcDate);
        map.MapMember(d => d.GrantId).SetElementName(ElementNames.GrantId).SetSerializer(Text);
        map.MapMember(d => d.PollingIntervalSeconds).SetElementName(ElementNames.PollingIntervalSeconds).SetSerializer(Int32);
        map.MapMember(d => d.Status).SetElementName(ElementNames.Status).SetSerializer(Text);
        map.MapMember(d => d.User).SetElementName(ElementNames.User).SetSerializer(user);
        map.MapMember(d => d.LastPolledAt).SetElementName(ElementNames.LastPolledAt).SetSerializer(OptionalUtcDate);
        map.MapMember(d => d.RedeemedAt).SetElementName(ElementNames.RedeemedAt).SetSerializer(OptionalUtcDate);
        map.MapMember(d => d.Revision).SetElementName(ElementNames.Revision).SetSerializer(Int64);
        map.MapMember(d => d.Resources).SetElementName(ElementNames.Resources).SetSerializer(TextArray);
        map.SetIgnoreExtraElements(true);
        return map;
    }
}
