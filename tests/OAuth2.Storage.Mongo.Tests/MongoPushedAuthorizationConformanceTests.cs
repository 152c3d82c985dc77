using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.Mongo.Tests;

/// <summary>The pushed authorization store's conformance suite (RFC 9126) against the MongoDB of OAUTH2_MONGO_URL (skipped without it).</summary>
public sealed class MongoPushedAuthorizationConformanceTests(MongoFixture fixture) : PushedAuthorizationStoreConformanceTests<MongoFixture>(fixture);
