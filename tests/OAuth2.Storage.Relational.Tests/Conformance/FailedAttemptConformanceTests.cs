using OAuth2.Storage.Conformance;
using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Conformance;

/// <summary>The failed-attempt counter's conformance suite against the PostgreSQL the fixture starts.</summary>
public sealed class PostgreSqlFailedAttemptConformanceTests(PostgreSqlStoreFixture fixture)
    : FailedAttemptStoreConformanceTests<PostgreSqlStoreFixture>(fixture);

/// <summary>The failed-attempt counter's conformance suite against SQLite database files.</summary>
public sealed class SqliteFailedAttemptConformanceTests(SqliteStoreFixture fixture)
    : FailedAttemptStoreConformanceTests<SqliteStoreFixture>(fixture);

/// <summary>The failed-attempt counter's conformance suite against the SQL Server of OAUTH2_SQLSERVER_CONNECTION (skipped without it).</summary>
public sealed class SqlServerFailedAttemptConformanceTests(SqlServerStoreFixture fixture)
    : FailedAttemptStoreConformanceTests<SqlServerStoreFixture>(fixture);

/// <summary>The signing key store's conformance suite against the PostgreSQL the fixture starts.</summary>
public sealed class PostgreSqlSigningKeyConformanceTests(PostgreSqlStoreFixture fixture)
    : SigningKeyStoreConformanceTests<PostgreSqlStoreFixture>(fixture);

/// <summary>The signing key store's conformance suite against SQLite database files.</summary>
public sealed class SqliteSigningKeyConformanceTests(SqliteStoreFixture fixture)
    : SigningKeyStoreConformanceTests<SqliteStoreFixture>(fixture);

/// <summary>The signing key store's conformance suite against the SQL Server of OAUTH2_SQLSERVER_CONNECTION (skipped without it).</summary>
public sealed class SqlServerSigningKeyConformanceTests(SqlServerStoreFixture fixture)
    : SigningKeyStoreConformanceTests<SqlServerStoreFixture>(fixture);
