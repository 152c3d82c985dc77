using System.Text.RegularExpressions;
using OAuth2.Storage.PostgreSql;
using OAuth2.Storage.Sqlite;
using OAuth2.Storage.SqlServer;

namespace OAuth2.Storage.Relational.Tests.Unit;

/// <summary>Statements declare their parameters; the binding refuses any other set, and every dialect's text uses exactly them.</summary>
public sealed partial class StatementParameterTests
{
    public static TheoryData<string> Dialects => new() { "PostgreSQL", "SQLite", "SQL Server" };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Every_statement_text_references_exactly_its_declared_parameters(string dialectName)
    {
        SqlDialect dialect = dialectName switch
        {
            "PostgreSQL" => new PostgreSqlDialect(),
            "SQLite" => new SqliteDialect(),
            _ => new SqlServerDialect(),
        };
        var statements = RelationalStatements.Create(dialect, RelationalTableNames.Create(dialect, dialect.SupportsSchemas ? "oauth2" : null, "x_"));

        Assert.All(statements.All, s =>
        {
            var used = ParameterReference().Matches(s.Sql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            Assert.True(used.SetEquals(s.ParameterNames), $"{s.Name}: uses [{string.Join(", ", used)}], declares [{string.Join(", ", s.ParameterNames)}]");
        });
    }

    [Fact]
    public void Binding_a_different_set_of_parameters_is_refused()
    {
        var statement = new SqlStatement("Test", "SELECT 1 WHERE a = @a AND b = @b", ["a", "b"]);

        Assert.Throws<InvalidOperationException>(() => new StatementParameters().Text("a", "x").For(statement));
        Assert.Throws<InvalidOperationException>(() => new StatementParameters().Text("a", "x").Text("b", "y").Text("c", "z").For(statement));
        Assert.Throws<InvalidOperationException>(() => new StatementParameters().Text("a", "x").Text("a", "y"));
        Assert.NotNull(new StatementParameters().Text("b", "y").Int64("a", 1).For(statement));
    }

    [GeneratedRegex("@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterReference();
}
