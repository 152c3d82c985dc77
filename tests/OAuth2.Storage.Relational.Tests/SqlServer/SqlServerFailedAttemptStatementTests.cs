using Microsoft.SqlServer.TransactSql.ScriptDom;
using OAuth2.Storage.SqlServer;

namespace OAuth2.Storage.Relational.Tests.SqlServer;

/// <summary>
/// Runs without a SQL Server: the failed-attempt statements as T-SQL 2022 parses them. Counting must be one MERGE
/// under a key-range lock that outputs the row after it, and the key column must compare exactly on any collation.
/// </summary>
public sealed class SqlServerFailedAttemptStatementTests
{
    private static readonly SqlServerDialect Dialect = new();

    [Fact]
    public void Recording_a_failure_is_one_merge_under_holdlock_that_outputs_the_new_count_and_window_end()
    {
        var statement = Statements().RecordFailure;

        var merge = Assert.IsType<MergeStatement>(SingleStatement(statement.Sql));

        var target = Assert.IsType<NamedTableReference>(merge.MergeSpecification.Target);
        Assert.Equal("p_failed_attempts", target.SchemaObject.BaseIdentifier.Value);
        Assert.Contains(TableHintKind.HoldLock, target.TableHints.Select(h => h.HintKind));
        var output = merge.MergeSpecification.OutputClause;
        Assert.NotNull(output);
        Assert.Equal(
            ["inserted.attempt_count", "inserted.window_ends_at"],
            output.SelectColumns.Cast<SelectScalarExpression>().Select(c => string.Join(".", ((ColumnReferenceExpression)c.Expression).MultiPartIdentifier.Identifiers.Select(i => i.Value))));
        var actions = merge.MergeSpecification.ActionClauses.Select(a => (a.Condition, a.Action.GetType())).ToArray();
        Assert.Equal([(MergeCondition.Matched, typeof(UpdateMergeAction)), (MergeCondition.NotMatched, typeof(InsertMergeAction))], actions);
        // The window is only replaced when it ended at or before @now: the same comparison decides both columns.
        Assert.Equal(2, CountOccurrences(statement.Sql, "CASE WHEN target.window_ends_at > @now THEN"));
    }

    [Fact]
    public void Reading_and_resetting_match_the_key_whole_and_reading_ignores_ended_windows()
    {
        var statements = Statements();

        var find = Assert.IsType<SelectStatement>(SingleStatement(statements.FindFailures.Sql));
        var delete = Assert.IsType<DeleteStatement>(SingleStatement(statements.DeleteFailures.Sql));

        Assert.EndsWith("WHERE attempt_key = @attempt_key AND window_ends_at > @now", statements.FindFailures.Sql, StringComparison.Ordinal);
        Assert.EndsWith("WHERE attempt_key = @attempt_key", statements.DeleteFailures.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("LIKE", statements.FindFailures.Sql + statements.DeleteFailures.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(find.QueryExpression);
        Assert.NotNull(delete.DeleteSpecification.WhereClause);
        Assert.Equal("DELETE TOP (@batch_size) FROM [oauth2].[p_failed_attempts] WHERE window_ends_at <= @now", statements.PruneFailedAttempts.Sql);
    }

    [Fact]
    public void The_key_column_is_a_binary_collated_primary_key_sized_for_the_longest_key()
    {
        var script = Dialect.GetSchemaScript(RelationalTableNames.Create(Dialect, "oauth2", "p_"));

        var create = Assert.Single(
            ParseFragment(script) is TSqlScript s
                ? s.Batches.SelectMany(b => b.Statements).SelectMany(st => st is IfStatement i ? [i.ThenStatement] : new[] { st }).OfType<CreateTableStatement>()
                : [],
            c => c.SchemaObjectName.BaseIdentifier.Value == "p_failed_attempts");

        var key = create.Definition.ColumnDefinitions.Single(c => c.ColumnIdentifier.Value == "attempt_key");
        Assert.Equal("Latin1_General_100_BIN2", key.Collation.Value);
        Assert.Equal(IFailedAttemptStore.MaxKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(((SqlDataTypeReference)key.DataType).Parameters).Value);
        Assert.Equal(SqlDataTypeOption.NVarChar, ((SqlDataTypeReference)key.DataType).SqlDataTypeOption);
        Assert.True(Assert.Single(key.Constraints.OfType<UniqueConstraintDefinition>()).IsPrimaryKey);
        Assert.Contains("CREATE INDEX [p_failed_attempts_window_ends_at] ON [oauth2].[p_failed_attempts] (window_ends_at);", script, StringComparison.Ordinal);
    }

    private static RelationalStatements Statements() =>
        RelationalStatements.Create(Dialect, RelationalTableNames.Create(Dialect, "oauth2", "p_"));

    private static TSqlStatement SingleStatement(string sql)
    {
        var batch = Assert.Single(((TSqlScript)ParseFragment(sql)).Batches);
        return Assert.Single(batch.Statements);
    }

    private static TSqlFragment ParseFragment(string sql) => TSqlText.Parse(sql);

    private static int CountOccurrences(string text, string value) => TSqlText.CountOccurrences(text, value);
}
