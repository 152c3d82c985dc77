using OAuth2.Storage.Conformance;
using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Conformance;

/// <summary>The pushed authorization store's conformance suite (RFC 9126) against the PostgreSQL the fixture starts.</summary>
public sealed class PostgreSqlPushedAuthorizationConformanceTests(PostgreSqlStoreFixture fixture)
    : PushedAuthorizationStoreConformanceTests<PostgreSqlStoreFixture>(fixture);

/// <summary>The pushed authorization store's conformance suite against SQLite database files.</summary>
public sealed class SqlitePushedAuthorizationConformanceTests(SqliteStoreFixture fixture)
    : PushedAuthorizationStoreConformanceTests<SqliteStoreFixture>(fixture);

/// <summary>The pushed authorization store's conformance suite against the SQL Server of OAUTH2_SQLSERVER_CONNECTION (skipped without it).</summary>
public sealed class SqlServerPushedAuthorizationConformanceTests(SqlServerStoreFixture fixture)
    : PushedAuthorizationStoreConformanceTests<SqlServerStoreFixture>(fixture);
