using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.Mongo.Tests;

/// <summary>The failed-attempt counter's conformance suite, against a real MongoDB server (skipped without <c>OAUTH2_MONGO_URL</c>).</summary>
public sealed class MongoFailedAttemptConformanceTests(MongoFixture fixture) : FailedAttemptStoreConformanceTests<MongoFixture>(fixture);

/// <summary>The signing key store's conformance suite, against a real MongoDB server (skipped without <c>OAUTH2_MONGO_URL</c>).</summary>
public sealed class MongoSigningKeyConformanceTests(MongoFixture fixture) : SigningKeyStoreConformanceTests<MongoFixture>(fixture);
