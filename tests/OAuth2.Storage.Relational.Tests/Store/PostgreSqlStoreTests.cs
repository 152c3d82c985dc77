using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>The relational store checks on a real PostgreSQL.</summary>
public sealed class PostgreSqlStoreTests(PostgreSqlStoreFixture fixture) : RelationalStoreTests<PostgreSqlStoreFixture>(fixture);
