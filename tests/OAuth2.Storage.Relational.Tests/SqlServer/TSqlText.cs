using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace OAuth2.Storage.Relational.Tests.SqlServer;

/// <summary>What the SQL Server statement tests share: parsing T-SQL with ScriptDom, and counting a word in it.</summary>
internal static class TSqlText
{
    /// <summary>Parses <paramref name="sql"/>, failing the test with every parse error and the text when there are any.</summary>
    public static TSqlFragment Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")) + Environment.NewLine + sql);
        return fragment;
    }

    public static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
