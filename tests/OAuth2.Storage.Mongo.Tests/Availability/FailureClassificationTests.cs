using System.Net;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;
using OAuth2.Storage.Mongo.Errors;

namespace OAuth2.Storage.Mongo.Tests.Availability;

/// <summary>Which driver exceptions mean "the database is unavailable" (503) and which are something else.</summary>
public sealed class FailureClassificationTests
{
    private static readonly ConnectionId Connection = new(new ServerId(new ClusterId(1), new DnsEndPoint("db", 27017)));

    public static TheoryData<string> Outages => ["connection", "server selection timeout", "execution timeout", "not primary", "write concern", "retryable label"];

    [Theory]
    [MemberData(nameof(Outages))]
    public void Outages_are_unavailable(string kind)
    {
        Exception exception = kind switch
        {
            "connection" => new MongoConnectionException(Connection, "refused"),
            "server selection timeout" => new TimeoutException("A timeout occurred after 300ms selecting a server."),
            "execution timeout" => new MongoExecutionTimeoutException(Connection, "maxTimeMS expired"),
            "not primary" => new MongoNotPrimaryException(Connection, new BsonDocument("find", "x"), new BsonDocument("ok", 0)),
            "write concern" => new MongoWriteConcernException(Connection, "waiting for replication timed out", new WriteConcernResult(new BsonDocument("ok", 1))),
            "retryable label" => Labelled(new MongoCommandException(Connection, "interrupted at shutdown", new BsonDocument("find", "x")), "RetryableWriteError"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.True(MongoFailures.IsUnavailable(exception));
        Assert.Same(exception, MongoFailures.Unavailable(exception).InnerException);
    }

    [Fact]
    public void Cancellation_and_bugs_are_not_outages()
    {
        Assert.False(MongoFailures.IsUnavailable(new OperationCanceledException()));
        Assert.False(MongoFailures.IsUnavailable(new InvalidOperationException()));
        Assert.False(MongoFailures.IsUnavailable(new MongoCommandException(Connection, "bad query", new BsonDocument("find", "x"))));
        Assert.False(MongoFailures.IsUnavailable(new MongoWriteException(Connection, null, null, null)));
    }

    private static MongoException Labelled(MongoException exception, string label)
    {
        exception.AddErrorLabel(label);
        return exception;
    }
}
