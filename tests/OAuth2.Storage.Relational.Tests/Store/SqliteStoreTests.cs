using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>The relational store checks on real SQLite files.</summary>
public sealed class SqliteStoreTests(SqliteStoreFixture fixture) : RelationalStoreTests<SqliteStoreFixture>(fixture);
