using OAuth2.Storage.SqlServer;

namespace OAuth2.Storage.Relational.Tests.SqlServer;

/// <summary>SQL Server's insert-once of a signing key generation, checked by parsing (no server needed).</summary>
public sealed class SqlServerSigningKeyStatementTests
{
    [Fact]
    public void The_signing_key_insert_parses_and_reads_the_generation_under_a_range_lock()
    {
        var dialect = new SqlServerDialect();
        var statements = RelationalStatements.Create(dialect, RelationalTableNames.Create(dialect, "oauth2", "p_"));

        TSqlText.Parse(statements.InsertSigningKey.Sql);
        Assert.Contains("WITH (UPDLOCK, HOLDLOCK) WHERE generation = @generation", statements.InsertSigningKey.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("ON CONFLICT", statements.InsertSigningKey.Sql, StringComparison.Ordinal);
        Assert.Equal(RelationalColumns.SigningKeys, statements.InsertSigningKey.ParameterNames);
        TSqlText.Parse(statements.FindSigningKeys.Sql);
        TSqlText.Parse(statements.DeleteSigningKey.Sql);
    }
}
