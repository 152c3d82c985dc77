using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>The relational store checks on the SQL Server of OAUTH2_SQLSERVER_CONNECTION (skipped without it).</summary>
public sealed class SqlServerStoreTests(SqlServerStoreFixture fixture) : RelationalStoreTests<SqlServerStoreFixture>(fixture);
