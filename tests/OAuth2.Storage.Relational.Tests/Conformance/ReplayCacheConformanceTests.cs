using OAuth2.Storage.Conformance;
using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Conformance;

/// <summary>The replay cache's conformance suite against the PostgreSQL the fixture starts.</summary>
public sealed class PostgreSqlReplayCacheConformanceTests(PostgreSqlStoreFixture fixture)
    : ReplayCacheConformanceTests<PostgreSqlStoreFixture>(fixture);

/// <summary>The replay cache's conformance suite against SQLite database files.</summary>
public sealed class SqliteReplayCacheConformanceTests(SqliteStoreFixture fixture)
    : ReplayCacheConformanceTests<SqliteStoreFixture>(fixture);

/// <summary>The replay cache's conformance suite against the SQL Server of OAUTH2_SQLSERVER_CONNECTION (skipped without it).</summary>
public sealed class SqlServerReplayCacheConformanceTests(SqlServerStoreFixture fixture)
    : ReplayCacheConformanceTests<SqlServerStoreFixture>(fixture);
