namespace OAuth2.Storage.Relational;

/// <summary>
/// One statement as the store runs it: its name, the dialect's SQL text and the parameter names the store binds
/// (without the <c>@</c>). The store refuses to run it with any other set of parameters, so the text, the binding
/// and the tests that parse the text cannot drift apart.
/// </summary>
internal sealed record SqlStatement(string Name, string Sql, IReadOnlyList<string> ParameterNames);
