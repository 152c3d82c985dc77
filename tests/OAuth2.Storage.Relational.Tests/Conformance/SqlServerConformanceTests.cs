using OAuth2.Storage.Conformance;
using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Conformance;

/// <summary>The shared conformance suite against the SQL Server of OAUTH2_SQLSERVER_CONNECTION (skipped without it).</summary>
public sealed class SqlServerConformanceTests(SqlServerStoreFixture fixture) : StoreConformanceTests<SqlServerStoreFixture>(fixture);
