using Microsoft.SqlServer.TransactSql.ScriptDom;
using OAuth2.Storage.SqlServer;

namespace OAuth2.Storage.Relational.Tests.SqlServer;

/// <summary>
/// Runs without a SQL Server: the replay cache statement and the private_key_jwt schema upgrade as T-SQL 2022 parses
/// them. The add must be one MERGE under a key-range lock that outputs a row only for the change it made.
/// </summary>
public sealed class SqlServerReplayCacheStatementTests
{
    private static readonly SqlServerDialect Dialect = new();

    private static RelationalStatements Statements() =>
        RelationalStatements.Create(Dialect, RelationalTableNames.Create(Dialect, "oauth2", "p_"));

    [Fact]
    public void Adding_a_replay_key_is_one_merge_under_holdlock_that_replaces_only_an_expired_row()
    {
        var sql = Statements().AddReplay.Sql;
        var batch = Assert.Single(((TSqlScript)TSqlText.Parse(sql)).Batches);
        var merge = Assert.IsType<MergeStatement>(Assert.Single(batch.Statements));

        var target = Assert.IsType<NamedTableReference>(merge.MergeSpecification.Target);
        Assert.Equal("p_replay_cache", target.SchemaObject.BaseIdentifier.Value);
        Assert.Contains(TableHintKind.HoldLock, target.TableHints.Select(h => h.HintKind));
        Assert.NotNull(merge.MergeSpecification.OutputClause);
        var actions = merge.MergeSpecification.ActionClauses.Select(a => (a.Condition, a.Action.GetType(), a.SearchCondition is not null)).ToArray();
        Assert.Equal([(MergeCondition.Matched, typeof(UpdateMergeAction), true), (MergeCondition.NotMatched, typeof(InsertMergeAction), false)], actions);
        Assert.Contains("WHEN MATCHED AND target.expires_at <= @now THEN", sql, StringComparison.Ordinal);
        Assert.Equal("DELETE TOP (@batch_size) FROM [oauth2].[p_replay_cache] WHERE expires_at <= @now", Statements().PruneReplayCache.Sql);
    }

    [Fact]
    public void The_schema_upgrade_adds_each_client_column_only_when_missing_and_keys_the_cache_exactly()
    {
        var script = Dialect.GetSchemaScript(RelationalTableNames.Create(Dialect, "oauth2", "p_"));
        var statements = ((TSqlScript)TSqlText.Parse(script)).Batches.SelectMany(b => b.Statements).ToArray();

        foreach (var column in new[] { "token_endpoint_auth_method", "jwks" })
        {
            var guarded = statements.OfType<IfStatement>().Single(i => i.ThenStatement is AlterTableAddTableElementStatement add
                && add.Definition.ColumnDefinitions.Any(c => c.ColumnIdentifier.Value == column));
            Assert.IsType<BooleanIsNullExpression>(guarded.Predicate);
        }

        var create = statements.OfType<IfStatement>().Select(i => i.ThenStatement).OfType<CreateTableStatement>()
            .Single(c => c.SchemaObjectName.BaseIdentifier.Value == "p_replay_cache");
        var key = create.Definition.ColumnDefinitions.Single(c => c.ColumnIdentifier.Value == "replay_key");
        Assert.Equal("Latin1_General_100_BIN2", key.Collation.Value);
        Assert.Equal(IReplayCache.MaxKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(((SqlDataTypeReference)key.DataType).Parameters).Value);
        Assert.True(Assert.Single(key.Constraints.OfType<UniqueConstraintDefinition>()).IsPrimaryKey);
    }
}
