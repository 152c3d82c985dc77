using OAuth2.Storage.Conformance;
using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Conformance;

/// <summary>The shared conformance suite against real SQLite files.</summary>
public sealed class SqliteConformanceTests(SqliteStoreFixture fixture) : StoreConformanceTests<SqliteStoreFixture>(fixture);
