using System.Data;
using Dapper;

namespace OAuth2.Storage.Relational;

/// <summary>
/// The values bound to one statement, typed for the driver. <see cref="For"/> refuses a statement whose declared
/// parameter names differ from the names bound, so no statement runs with a missing or stray parameter.
/// </summary>
internal sealed class StatementParameters
{
    private readonly DynamicParameters _parameters = new();
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    public StatementParameters Digest(string name, TokenDigest digest) =>
        Add(name, digest.ToArray(), DbType.Binary, TokenDigest.Length);

    public StatementParameters Text(string name, string? value) => Add(name, value, DbType.String, null);

    public StatementParameters Int64(string name, long? value) => Add(name, value, DbType.Int64, null);

    public StatementParameters Int32(string name, int value) => Add(name, value, DbType.Int32, null);

    public StatementParameters Boolean(string name, bool value) => Add(name, value, DbType.Boolean, null);

    public StatementParameters Binary(string name, byte[] value) => Add(name, value, DbType.Binary, null);

    /// <summary>The parameters for <paramref name="statement"/>, which must declare exactly the names bound.</summary>
    public DynamicParameters For(SqlStatement statement)
    {
        if (!Matches(statement.ParameterNames, _names))
        {
            throw new InvalidOperationException(
                $"Statement {statement.Name} declares parameters [{string.Join(", ", statement.ParameterNames)}] " +
                $"but the store bound [{string.Join(", ", _names)}].");
        }

        return _parameters;
    }

    internal static bool Matches(IReadOnlyCollection<string> declared, IReadOnlyCollection<string> bound) =>
        declared.Count == bound.Count && new HashSet<string>(declared, StringComparer.Ordinal).SetEquals(bound);

    private StatementParameters Add(string name, object? value, DbType type, int? size)
    {
        if (_names.Contains(name, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Parameter {name} is bound twice.");
        }

        _names.Add(name);
        _parameters.Add(name, value, type, ParameterDirection.Input, size);
        return this;
    }
}
