using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.Mongo.Tests;

/// <summary>The replay cache's conformance suite against the MongoDB of OAUTH2_MONGO_URL (skipped without it).</summary>
public sealed class MongoReplayCacheConformanceTests(MongoFixture fixture) : ReplayCacheConformanceTests<MongoFixture>(fixture);
