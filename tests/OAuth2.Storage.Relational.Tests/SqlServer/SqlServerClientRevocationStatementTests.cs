using Microsoft.SqlServer.TransactSql.ScriptDom;
using OAuth2.Storage.SqlServer;

namespace OAuth2.Storage.Relational.Tests.SqlServer;

/// <summary>
/// SQL Server's revocation of a deleted client's tokens (RFC 7592 section 2.3), checked by parsing (no server needed):
/// one DELETE per token table by the bound client id, and the client_id indexes added only where they are missing.
/// </summary>
public sealed class SqlServerClientRevocationStatementTests
{
    [Fact]
    public void Each_token_table_is_emptied_of_the_client_by_one_delete_on_the_bound_client_id()
    {
        var dialect = new SqlServerDialect();
        var tables = RelationalTableNames.Create(dialect, "oauth2", "p_");
        var statements = RelationalStatements.Create(dialect, tables);

        foreach (var (statement, table) in new[] { (statements.DeleteAccessTokensOfClient, "p_access_tokens"), (statements.DeleteRefreshTokensOfClient, "p_refresh_tokens") })
        {
            var delete = Assert.IsType<DeleteStatement>(Assert.Single(((TSqlScript)TSqlText.Parse(statement.Sql)).Batches.Single().Statements));
            var target = Assert.IsType<NamedTableReference>(delete.DeleteSpecification.Target);
            Assert.Equal(table, target.SchemaObject.BaseIdentifier.Value);
            var where = Assert.IsType<BooleanComparisonExpression>(delete.DeleteSpecification.WhereClause.SearchCondition);
            Assert.Equal("client_id", Assert.IsType<ColumnReferenceExpression>(where.FirstExpression).MultiPartIdentifier.Identifiers.Single().Value);
            Assert.Equal("@client_id", Assert.IsType<VariableReference>(where.SecondExpression).Name);
            Assert.Null(delete.DeleteSpecification.TopRowFilter);
            Assert.Equal(["client_id"], statement.ParameterNames);
        }
    }

    [Fact]
    public void The_client_id_indexes_are_created_only_where_they_are_missing()
    {
        // An existing database gets the indexes at the next start; a second start must not try to create them again.
        var dialect = new SqlServerDialect();
        var batches = dialect.SplitScript(dialect.GetSchemaScript(RelationalTableNames.Create(dialect, "oauth2", "p_")));

        foreach (var table in new[] { "p_access_tokens", "p_refresh_tokens" })
        {
            var batch = Assert.Single(batches, b => b.Contains($"[{table}_client_id]", StringComparison.Ordinal));
            var statement = Assert.IsType<IfStatement>(Assert.Single(((TSqlScript)TSqlText.Parse(batch)).Batches.Single().Statements));
            Assert.Contains($"IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{table}_client_id' AND object_id = OBJECT_ID(N'[oauth2].[{table}]'))", batch, StringComparison.Ordinal);
            var create = Assert.IsType<CreateIndexStatement>(statement.ThenStatement);
            Assert.Equal("client_id", Assert.Single(create.Columns).Column.MultiPartIdentifier.Identifiers.Single().Value);
        }
    }
}
