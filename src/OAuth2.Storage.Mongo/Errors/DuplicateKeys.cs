using MongoDB.Driver;

namespace OAuth2.Storage.Mongo.Errors;

/// <summary>
/// Tells which unique index refused an insert into the device authorization collection: a taken user code is an
/// expected answer (user codes are short), the same device-code digest twice is a caller bug.
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>The index the server names in a duplicate-key message for the primary key.</summary>
    private const string PrimaryKeyIndex = " index: _id_ ";

    /// <summary>
    /// Whether a write error is a duplicate key on any index but <c>_id</c>, which in the device authorization
    /// collection can only be the unique user-code index (whatever a deployment named it). The server names the
    /// index in its message (<c>E11000 duplicate key error collection: db.c index: userCode_unique dup key: {…}</c>).
    /// </summary>
    public static bool IsOnSecondaryKey(ServerErrorCategory category, string? message) =>
        category == ServerErrorCategory.DuplicateKey
        && !(message ?? "").Contains(PrimaryKeyIndex, StringComparison.Ordinal);

    /// <summary>Whether a write error is a duplicate <c>_id</c>.</summary>
    public static bool IsOnPrimaryKey(ServerErrorCategory category, string? message) =>
        category == ServerErrorCategory.DuplicateKey
        && (message ?? "").Contains(PrimaryKeyIndex, StringComparison.Ordinal);
}
