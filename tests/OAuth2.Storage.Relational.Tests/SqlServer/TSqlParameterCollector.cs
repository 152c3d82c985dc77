using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace OAuth2.Storage.Relational.Tests.SqlServer;

/// <summary>Collects every <c>@variable</c> a T-SQL fragment references, and the tables and columns it creates (or adds).</summary>
internal sealed class TSqlParameterCollector : TSqlFragmentVisitor
{
    public SortedSet<string> Variables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<string>> CreatedTables { get; } = new(StringComparer.Ordinal);

    public override void Visit(VariableReference node)
    {
        Variables.Add(node.Name.TrimStart('@'));
        base.Visit(node);
    }

    public override void Visit(DeclareVariableElement node)
    {
        Variables.Add("DECLARED:" + node.VariableName.Value);
        base.Visit(node);
    }

    public override void Visit(CreateTableStatement node)
    {
        var name = $"[{node.SchemaObjectName.SchemaIdentifier.Value}].[{node.SchemaObjectName.BaseIdentifier.Value}]";
        CreatedTables[name] = node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value).ToList();
        base.Visit(node);
    }

    /// <summary>Columns added after the first release (<c>ALTER TABLE ... ADD</c>) count as created, after the table's own.</summary>
    public override void Visit(AlterTableAddTableElementStatement node)
    {
        var name = $"[{node.SchemaObjectName.SchemaIdentifier.Value}].[{node.SchemaObjectName.BaseIdentifier.Value}]";
        if (CreatedTables.TryGetValue(name, out var columns))
        {
            // A guarded upgrade may add a column the CREATE TABLE already has (for databases made before it).
            columns.AddRange(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value).Where(c => !columns.Contains(c)));
        }

        base.Visit(node);
    }

    /// <summary>Each table's columns: those it is created with, then those added later, in script order.</summary>
    public IReadOnlyList<string> ColumnsOf(string table) => CreatedTables[table];

}
