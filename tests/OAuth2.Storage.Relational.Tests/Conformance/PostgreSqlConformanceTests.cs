using OAuth2.Storage.Conformance;
using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Conformance;

/// <summary>The shared conformance suite against a real PostgreSQL.</summary>
public sealed class PostgreSqlConformanceTests(PostgreSqlStoreFixture fixture) : StoreConformanceTests<PostgreSqlStoreFixture>(fixture);
