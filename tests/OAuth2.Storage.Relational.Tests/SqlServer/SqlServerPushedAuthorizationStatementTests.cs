using Microsoft.SqlServer.TransactSql.ScriptDom;
using OAuth2.Storage.SqlServer;

namespace OAuth2.Storage.Relational.Tests.SqlServer;

/// <summary>
/// Runs without a SQL Server: the pushed authorization statements (RFC 9126) and schema as T-SQL parses them.
/// Consuming must be one conditional UPDATE (its row count says who won), and existing client tables get the new column.
/// </summary>
public sealed class SqlServerPushedAuthorizationStatementTests
{
    private static readonly SqlServerDialect Dialect = new();

    [Fact]
    public void Consuming_is_one_update_that_only_touches_an_unconsumed_row()
    {
        var statement = Statements().ConsumePushedAuthorization;

        var update = Assert.IsType<UpdateStatement>(SingleStatement(statement.Sql));

        var target = Assert.IsType<NamedTableReference>(update.UpdateSpecification.Target);
        Assert.Equal("p_pushed_authorizations", target.SchemaObject.BaseIdentifier.Value);
        Assert.EndsWith("WHERE digest = @digest AND consumed_at IS NULL", statement.Sql, StringComparison.Ordinal);
        Assert.Equal(["digest", "consumed_at"], statement.ParameterNames);
    }

    [Fact]
    public void Inserting_finding_and_pruning_address_the_pushed_table_by_digest_and_expiry()
    {
        var statements = Statements();

        Assert.IsType<InsertStatement>(SingleStatement(statements.InsertPushedAuthorization.Sql));
        Assert.IsType<SelectStatement>(SingleStatement(statements.FindPushedAuthorization.Sql));
        Assert.EndsWith("WHERE digest = @digest AND expires_at > @now", statements.FindPushedAuthorization.Sql, StringComparison.Ordinal);
        Assert.Equal("DELETE TOP (@batch_size) FROM [oauth2].[p_pushed_authorizations] WHERE expires_at <= @now", statements.PrunePushedAuthorizations.Sql);
    }

    [Fact]
    public void The_schema_creates_the_pushed_table_and_adds_the_client_column_only_when_missing()
    {
        var script = Dialect.GetSchemaScript(RelationalTableNames.Create(Dialect, "oauth2", "p_"));
        var statements = ((TSqlScript)TSqlText.Parse(script)).Batches.SelectMany(b => b.Statements).ToArray();

        var create = statements.OfType<IfStatement>().Select(i => i.ThenStatement).OfType<CreateTableStatement>()
            .Single(c => c.SchemaObjectName.BaseIdentifier.Value == "p_pushed_authorizations");
        var digest = create.Definition.ColumnDefinitions.Single(c => c.ColumnIdentifier.Value == "digest");
        Assert.Equal(SqlDataTypeOption.Binary, ((SqlDataTypeReference)digest.DataType).SqlDataTypeOption);
        var alter = statements.OfType<IfStatement>().Select(i => i.ThenStatement).OfType<AlterTableAddTableElementStatement>()
            .Single(a => a.SchemaObjectName.BaseIdentifier.Value == "p_clients"
                && a.Definition.ColumnDefinitions.Any(c => c.ColumnIdentifier.Value == "require_par"));
        Assert.Equal("require_par", Assert.Single(alter.Definition.ColumnDefinitions).ColumnIdentifier.Value);
        Assert.Contains("IF COL_LENGTH(N'[oauth2].[p_clients]', N'require_par') IS NULL", script, StringComparison.Ordinal);
    }

    private static RelationalStatements Statements() =>
        RelationalStatements.Create(Dialect, RelationalTableNames.Create(Dialect, "oauth2", "p_"));

    private static TSqlStatement SingleStatement(string sql)
    {
        var batch = Assert.Single(((TSqlScript)TSqlText.Parse(sql)).Batches);
        return Assert.Single(batch.Statements);
    }
}
