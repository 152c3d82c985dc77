using MongoDB.Driver;

namespace OAuth2.Storage.Mongo.Errors;

/// <summary>Tells an outage (unreachable, timed out, no primary, no majority) from any other driver error.</summary>
internal static class MongoFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        OperationCanceledException => false,
        MongoConnectionException => true, // refused, reset, handshake or authentication failures, paused pool
        TimeoutException => true, // server selection (no reachable or no writable server) and connection timeouts
        MongoExecutionTimeoutException => true,
        MongoNotPrimaryException => true,
        MongoNodeIsRecoveringException => true,
        MongoWaitQueueFullException => true,
        MongoWriteConcernException => true, // findAndModify: no majority acknowledged within WriteConcernTimeout
        MongoWriteException { WriteError: null, WriteConcernError: not null } => true, // the same for insert, replace, delete
        MongoBulkWriteException { WriteErrors.Count: 0, WriteConcernError: not null } => true,
        MongoException mongo when mongo.HasErrorLabel("RetryableWriteError") || mongo.HasErrorLabel("TransientTransactionError") => true,
        _ => false,
    };

    public static StorageUnavailableException Unavailable(Exception exception) =>
        new($"MongoDB is unavailable: {exception.Message}", exception);
}
