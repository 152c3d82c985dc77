using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace OAuth2.Storage.Relational.Tests.SqlServer;

/// <summary>Collects every <c>@variable</c> a T-SQL fragment references, and the tables and columns it creates.</summary>
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

    /// <summary>A column an upgrade step adds to a table created earlier in the script counts as one the script creates.</summary>
    public override void Visit(AlterTableAddTableElementStatement node)
    {
        var name = $"[{node.SchemaObjectName.SchemaIdentifier.Value}].[{node.SchemaObjectName.BaseIdentifier.Value}]";
        if (CreatedTables.TryGetValue(name, out var columns))
        {
            columns.AddRange(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
        }

        base.Visit(node);
    }
}
