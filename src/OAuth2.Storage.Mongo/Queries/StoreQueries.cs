using MongoDB.Bson;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Documents;

namespace OAuth2.Storage.Mongo.Queries;

/// <summary>
/// Every filter, update and projection the store sends, written out as BSON with the names of
/// <see cref="ElementNames"/>: what the server receives is exactly what is written here (and what the tests render).
/// </summary>
internal static class StoreQueries
{
    /// <summary><c>{_id: id}</c>.</summary>
    public static FilterDefinition<T> ById<T>(BsonValue id) => new BsonDocument(ElementNames.Id, id);

    /// <summary><c>{_id: digest}</c>.</summary>
    public static FilterDefinition<T> ById<T>(TokenDigest digest) => ById<T>(Digest(digest));

    /// <summary>
    /// <c>{_id: digest, expiresAt: {$gt: now}}</c>, or for an item that may never expire (a refresh token)
    /// <c>{_id: digest, $or: [{expiresAt: null}, {expiresAt: {$gt: now}}]}</c>. The TTL monitor deletes lazily
    /// (about once a minute), so every read filters out what has expired but is still stored.
    /// </summary>
    public static FilterDefinition<T> Live<T>(TokenDigest digest, DateTimeOffset now, bool mayNeverExpire)
    {
        var notExpired = new BsonDocument(ElementNames.ExpiresAt, new BsonDocument("$gt", Date(now)));
        var filter = new BsonDocument(ElementNames.Id, Digest(digest));
        if (mayNeverExpire)
        {
            filter.Add("$or", new BsonArray { new BsonDocument(ElementNames.ExpiresAt, BsonNull.Value), notExpired });
        }
        else
        {
            filter.AddRange(notExpired);
        }

        return filter;
    }

    /// <summary><c>{grantId: grantId}</c>: one token family, served by the grant id index.</summary>
    public static FilterDefinition<T> ByGrant<T>(string grantId) => new BsonDocument(ElementNames.GrantId, grantId);

    /// <summary><c>{clientId: clientId}</c>: every token of one client, served by the client id index.</summary>
    public static FilterDefinition<T> ByClient<T>(string clientId) => new BsonDocument(ElementNames.ClientId, clientId);

    /// <summary>
    /// The single-use compare-and-swap, as an update pipeline:
    /// <c>[{$set: {redeemedAt: {$ifNull: ["$redeemedAt", redeemedAt]}}}]</c>. It keeps a value already there, so
    /// with <see cref="ReturnDocument.Before"/> the caller sees from the returned <c>redeemedAt</c> whether it won:
    /// one round trip, atomic because it touches one document.
    /// </summary>
    public static UpdateDefinition<T> Redeem<T>(DateTimeOffset redeemedAt)
    {
        var set = new BsonDocument(
            "$set",
            new BsonDocument(
                ElementNames.RedeemedAt,
                new BsonDocument("$ifNull", new BsonArray { "$" + ElementNames.RedeemedAt, Date(redeemedAt) })));
        return new PipelineUpdateDefinition<T>(PipelineDefinition<T, T>.Create(set));
    }

    /// <summary>
    /// <c>{expiresAt: {$lte: now}}</c>: expired items (a missing or null expiry never matches); with
    /// <paramref name="field"/> <c>retainUntil</c>, device authorizations past their retention.
    /// </summary>
    public static FilterDefinition<T> Expired<T>(DateTimeOffset now, string field = ElementNames.ExpiresAt) =>
        new BsonDocument(field, new BsonDocument("$lte", Date(now)));

    /// <summary>
    /// <c>{_id: {$in: ids}, expiresAt: {$lte: now}}</c>: one pruning batch; the expiry is checked again so a batch
    /// can never remove a live item.
    /// </summary>
    public static FilterDefinition<T> ExpiredAmong<T>(IEnumerable<BsonValue> ids, DateTimeOffset now, string field = ElementNames.ExpiresAt) =>
        new BsonDocument
        {
            { ElementNames.Id, new BsonDocument("$in", new BsonArray(ids)) },
            { field, new BsonDocument("$lte", Date(now)) },
        };

    /// <summary>
    /// <c>{_id: deviceDigest, retainUntil: {$gt: now}}</c> (or <c>{userCode: userDigest, ...}</c>): a device
    /// authorization that is still retained. The TTL monitor deletes lazily, so every read filters retention itself.
    /// </summary>
    public static FilterDefinition<T> Retained<T>(string keyField, TokenDigest key, DateTimeOffset now) =>
        new BsonDocument
        {
            { keyField, Digest(key) },
            { ElementNames.RetainUntil, new BsonDocument("$gt", Date(now)) },
        };

    /// <summary>
    /// <c>{userCode: userDigest, retainUntil: {$lte: now}}</c>: a record past its retention that the TTL monitor has
    /// not deleted yet and that still holds the user code in the unique index. Deleting it frees the user code.
    /// </summary>
    public static FilterDefinition<T> StaleUserCodeHolder<T>(TokenDigest userCodeDigest, DateTimeOffset now) =>
        new BsonDocument
        {
            { ElementNames.UserCode, Digest(userCodeDigest) },
            { ElementNames.RetainUntil, new BsonDocument("$lte", Date(now)) },
        };

    /// <summary>
    /// <c>{_id: deviceDigest, revision: expected, retainUntil: {$gt: now}}</c>: the compare-and-swap guard of a
    /// device authorization update. The server applies the filter and the update to one document atomically, so of
    /// any number of concurrent updates expecting the same revision exactly one matches.
    /// </summary>
    public static FilterDefinition<T> AtRevision<T>(TokenDigest deviceCodeDigest, long expectedRevision, DateTimeOffset now) =>
        new BsonDocument
        {
            { ElementNames.Id, Digest(deviceCodeDigest) },
            { ElementNames.Revision, new BsonInt64(expectedRevision) },
            { ElementNames.RetainUntil, new BsonDocument("$gt", Date(now)) },
        };

    /// <summary>
    /// <c>{$set: {clientId, scope, ..., revision}}</c>: every element of the replacement except <c>_id</c>,
    /// <c>userCode</c> and <c>retainUntil</c>, which stay as saved. Every element is always written (null when
    /// unset), so setting them all replaces the record. A classic update, not a pipeline: a value that starts with
    /// <c>$</c> is stored as it is, never read as a field path.
    /// </summary>
    public static UpdateDefinition<DeviceAuthorizationDocument> ReplaceDeviceAuthorization(DeviceAuthorizationDocument replacement)
    {
        var fields = replacement.ToBsonDocument();
        fields.Remove(ElementNames.Id);
        fields.Remove(ElementNames.UserCode);
        fields.Remove(ElementNames.RetainUntil);
        return new BsonDocumentUpdateDefinition<DeviceAuthorizationDocument>(new BsonDocument("$set", fields));
    }

    /// <summary>
    /// Counting one failed attempt, as an update pipeline run with upsert on <c>{_id: key}</c>:
    /// <c>[{$set: {count: {$cond: [open, {$add: ["$count", 1]}, 1]}, windowEndsAt: {$cond: [open, "$windowEndsAt", end]},
    /// expireAt: {$cond: [open, "$expireAt", {$add: ["$$NOW", ttl]}]}}}]</c> where open is
    /// <c>{$gt: ["$windowEndsAt", now]}</c>. Every expression of one <c>$set</c> reads the document as it was, so the
    /// three agree; a missing document (or one whose window ended at or before now) gets a new window. One document,
    /// so atomic: concurrent failures are applied one after the other and none is lost.
    /// </summary>
    public static UpdateDefinition<BsonDocument> RecordFailure(DateTimeOffset now, DateTimeOffset windowEndsAt, long ttlMilliseconds)
    {
        var open = new BsonDocument("$gt", new BsonArray { "$" + ElementNames.WindowEndsAt, Date(now) });
        var set = new BsonDocument("$set", new BsonDocument
        {
            {
                ElementNames.AttemptCount,
                new BsonDocument("$cond", new BsonArray { open, new BsonDocument("$add", new BsonArray { "$" + ElementNames.AttemptCount, new BsonInt64(1) }), new BsonInt64(1) })
            },
            {
                ElementNames.WindowEndsAt,
                new BsonDocument("$cond", new BsonArray { open, "$" + ElementNames.WindowEndsAt, Date(windowEndsAt) })
            },
            {
                ElementNames.ExpireAt,
                new BsonDocument("$cond", new BsonArray { open, "$" + ElementNames.ExpireAt, new BsonDocument("$add", new BsonArray { "$$NOW", new BsonInt64(ttlMilliseconds) }) })
            },
        });
        return new PipelineUpdateDefinition<BsonDocument>(PipelineDefinition<BsonDocument, BsonDocument>.Create(set));
    }

    /// <summary><c>{_id: key, windowEndsAt: {$gt: now}}</c>: the counter of a key whose window is still current.</summary>
    public static FilterDefinition<BsonDocument> CurrentWindow(string key, DateTimeOffset now) =>
        new BsonDocument
        {
            { ElementNames.Id, key },
            { ElementNames.WindowEndsAt, new BsonDocument("$gt", Date(now)) },
        };

    /// <summary><c>{_id: 1}</c>.</summary>
    public static ProjectionDefinition<T, BsonDocument> IdOnly<T>() =>
        new BsonDocumentProjectionDefinition<T, BsonDocument>(new BsonDocument(ElementNames.Id, 1));

    /// <summary>A digest as BinData subtype 0.</summary>
    public static BsonBinaryData Digest(TokenDigest digest) => new(digest.ToArray(), BsonBinarySubType.Binary);

    /// <summary>A BSON date (UTC, millisecond precision).</summary>
    public static BsonDateTime Date(DateTimeOffset value) => new(value.UtcDateTime);

    /// <summary><c>{_id: key, expiresAt: {$lte: now}}</c>: a replay cache entry that has expired and may be replaced.</summary>
    public static FilterDefinition<BsonDocument> ExpiredReplay(string key, DateTimeOffset now) =>
        new BsonDocument
        {
            { ElementNames.Id, key },
            { ElementNames.ExpiresAt, new BsonDocument("$lte", Date(now)) },
        };

    /// <summary>Sets <c>expiresAt</c> (the caller's clock) and <c>expireAt</c> (the server's clock plus the time left, for the TTL index).</summary>
    public static UpdateDefinition<BsonDocument> AddReplay(DateTimeOffset expiresAt, long ttlMilliseconds)
    {
        var set = new BsonDocument("$set", new BsonDocument
        {
            { ElementNames.ExpiresAt, Date(expiresAt) },
            { ElementNames.ExpireAt, new BsonDocument("$add", new BsonArray { "$$NOW", new BsonInt64(ttlMilliseconds) }) },
        });
        return new PipelineUpdateDefinition<BsonDocument>(PipelineDefinition<BsonDocument, BsonDocument>.Create(set));
    }

    // Pushed authorization requests (RFC 9126)

    /// <summary>The document of a new pushed request; times as Unix ms so they round-trip exactly, plus the TTL date.</summary>
    public static BsonDocument PushedAuthorization(TokenDigest digest, Tokens.PushedAuthorization request)
    {
        var parameters = new BsonArray(request.Parameters.Count);
        foreach (var (name, value) in request.Parameters)
        {
            parameters.Add(new BsonDocument { ["n"] = name, ["v"] = value });
        }

        return new BsonDocument
        {
            [ElementNames.Id] = Digest(digest),
            ["clientId"] = request.ClientId,
            ["parameters"] = parameters,
            ["issuedAt"] = request.IssuedAt.ToUnixTimeMilliseconds(),
            ["expiresAt"] = request.ExpiresAt.ToUnixTimeMilliseconds(),
            [ElementNames.ExpireAt] = Date(request.ExpiresAt),
        };
    }

    /// <summary><c>{_id: digest, expiresAt: {$gt: now}}</c>: the TTL monitor runs once a minute, so expiry is checked here too.</summary>
    public static FilterDefinition<BsonDocument> LivePushedAuthorization(TokenDigest digest, DateTimeOffset now) =>
        new BsonDocument { [ElementNames.Id] = Digest(digest), ["expiresAt"] = new BsonDocument("$gt", now.ToUnixTimeMilliseconds()) };

    /// <summary><c>{_id: digest, consumedAt: {$exists: false}}</c>: only an unconsumed request can be consumed.</summary>
    public static FilterDefinition<BsonDocument> UnconsumedPushedAuthorization(TokenDigest digest) =>
        new BsonDocument { [ElementNames.Id] = Digest(digest), ["consumedAt"] = new BsonDocument("$exists", false) };

    /// <summary><c>{$set: {consumedAt: ms}}</c>.</summary>
    public static UpdateDefinition<BsonDocument> ConsumePushedAuthorization(DateTimeOffset consumedAt) =>
        new BsonDocument("$set", new BsonDocument("consumedAt", consumedAt.ToUnixTimeMilliseconds()));

    public static Tokens.PushedAuthorization ToPushedAuthorization(BsonDocument document)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in document["parameters"].AsBsonArray)
        {
            parameters[pair["n"].AsString] = pair["v"].AsString;
        }

        return new Tokens.PushedAuthorization
        {
            ClientId = document["clientId"].AsString,
            Parameters = parameters,
            IssuedAt = DateTimeOffset.FromUnixTimeMilliseconds(document["issuedAt"].AsInt64),
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(document["expiresAt"].AsInt64),
            ConsumedAt = document.TryGetValue("consumedAt", out var consumed) ? DateTimeOffset.FromUnixTimeMilliseconds(consumed.AsInt64) : null,
        };
    }
}
