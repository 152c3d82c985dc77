using OAuth2.Storage.PostgreSql;
using OAuth2.Storage.Sqlite;
using OAuth2.Storage.SqlServer;

namespace OAuth2.Storage.Relational.Tests.Unit;

/// <summary>Schema names and table prefixes are the only configuration written into SQL text: they must be plain identifiers.</summary>
public sealed class SqlIdentifierTests
{
    [Theory]
    [InlineData("oauth2")]
    [InlineData("_x")]
    [InlineData("Tenant_42")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public void Plain_identifiers_are_accepted(string identifier) => Assert.True(SqlIdentifier.IsValid(identifier));

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("a b")]
    [InlineData("abc\n")]
    [InlineData("x]; DROP TABLE users; --")]
    [InlineData("x\"")]
    [InlineData("ünï")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void Anything_else_is_rejected(string identifier) => Assert.False(SqlIdentifier.IsValid(identifier));

    [Fact]
    public void Stores_refuse_bad_schema_names_and_prefixes()
    {
        Assert.Throws<ArgumentException>(() => SqlServerStorage.CreateStore("Server=x", new SqlServerStorageOptions { Schema = "dbo]; --" }));
        Assert.Throws<ArgumentException>(() => PostgreSqlStorage.CreateStore("Host=x", new PostgreSqlStorageOptions { TablePrefix = "p\"" }));
        Assert.Throws<ArgumentException>(() => SqliteStorage.CreateStore("Data Source=x.db", new SqliteStorageOptions { TablePrefix = "p-" }));
        Assert.Throws<ArgumentException>(() => RelationalTableNames.Create(new SqliteDialect(), "main", string.Empty));
        Assert.Throws<ArgumentException>(() => SqliteStorage.CreateStore("Data Source=x.db", new SqliteStorageOptions { MaxReadAttempts = 0 }));
    }

    [Fact]
    public void Table_names_are_quoted_per_dialect()
    {
        Assert.Equal("[s].[p_clients]", RelationalTableNames.Create(new SqlServerDialect(), "s", "p_").Clients);
        Assert.Equal("\"s\".\"p_access_tokens\"", RelationalTableNames.Create(new PostgreSqlDialect(), "s", "p_").AccessTokens);
        Assert.Equal("\"authorization_codes\"", RelationalTableNames.Create(new SqliteDialect(), null, string.Empty).AuthorizationCodes);
    }
}
