using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.Mongo.Tests;

/// <summary>The shared storage conformance suite, against a real MongoDB server (see <see cref="MongoFixture"/>).</summary>
public sealed class MongoConformanceTests(MongoFixture fixture) : StoreConformanceTests<MongoFixture>(fixture);
