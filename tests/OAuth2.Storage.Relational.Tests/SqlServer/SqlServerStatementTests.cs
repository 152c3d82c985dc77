using Microsoft.SqlServer.TransactSql.ScriptDom;
using OAuth2.Storage.SqlServer;

namespace OAuth2.Storage.Relational.Tests.SqlServer;

/// <summary>
/// Runs without a SQL Server: every T-SQL statement of the dialect, and its schema script, must parse as SQL Server
/// 2022 (TSql160) T-SQL, and each statement must reference exactly the parameters the store binds to it.
/// </summary>
public sealed class SqlServerStatementTests
{
    public static TheoryData<string, string> Configurations => new()
    {
        { "oauth2", "" },
        { "Identity_Store", "tenant_1_" },
    };

    public static TheoryData<string> StatementNames =>
        new(Statements("oauth2", string.Empty).All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(StatementNames))]
    public void Each_statement_parses_and_uses_exactly_the_bound_parameters(string name)
    {
        var statement = Statements("oauth2", "p_").All.Single(s => s.Name == name);

        var collector = Parse(statement.Sql);

        Assert.Equal(statement.ParameterNames.Order(StringComparer.Ordinal), collector.Variables);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Every_statement_parses_under_any_valid_schema_and_prefix(string schema, string prefix)
    {
        var statements = Statements(schema, prefix);

        Assert.Equal(42, statements.All.Count);
        Assert.All(statements.All, s =>
        {
            Parse(s.Sql);
            Assert.Contains($"[{schema}].[{prefix}", s.Sql, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_schema_script_parses_and_creates_exactly_the_columns_the_statements_use(string schema, string prefix)
    {
        var dialect = new SqlServerDialect();
        var tables = RelationalTableNames.Create(dialect, schema, prefix);

        var collector = Parse(dialect.GetSchemaScript(tables));

        Assert.Empty(collector.Variables);
        Assert.Equal(RelationalColumns.Clients, collector.CreatedTables[tables.Clients]);
        Assert.Equal(RelationalColumns.AccessTokens, collector.CreatedTables[tables.AccessTokens]);
        Assert.Equal(RelationalColumns.RefreshTokens, collector.CreatedTables[tables.RefreshTokens]);
        Assert.Equal(RelationalColumns.AuthorizationCodes, collector.CreatedTables[tables.AuthorizationCodes]);
        Assert.Equal(RelationalColumns.DeviceAuthorizations, collector.CreatedTables[tables.DeviceAuthorizations]);
        Assert.Equal(RelationalColumns.FailedAttempts, collector.CreatedTables[tables.FailedAttempts]);
        Assert.Equal(RelationalColumns.PushedAuthorizations, collector.CreatedTables[tables.PushedAuthorizations]);
        Assert.Equal(RelationalColumns.ReplayCache, collector.CreatedTables[tables.ReplayCache]);
        Assert.Equal(RelationalColumns.SigningKeys, collector.CreatedTables[tables.SigningKeys]);
        Assert.Equal(9, collector.CreatedTables.Count);
    }

    [Fact]
    public void The_schema_script_splits_on_GO_into_parsable_batches_and_keeps_ids_binary_collated()
    {
        var dialect = new SqlServerDialect();
        var script = dialect.GetSchemaScript(RelationalTableNames.Create(dialect, "oauth2", string.Empty));

        var batches = dialect.SplitScript(script);

        Assert.Equal(35, batches.Count); // 15, and the additive upgrades: private_key_jwt, resource indicators, DPoP, PAR, registration, signing keys, client_id indexes, secret expiry, dpop_jkt
        Assert.All(batches, b => Assert.DoesNotMatch(@"(?im)^\s*GO\s*$", b));
        Assert.All(batches, b => Parse(b));
        Assert.Equal(14, CountOccurrences(script, "COLLATE Latin1_General_100_BIN2"));
        Assert.Equal(6, CountOccurrences(script, "binary(32)"));
    }

    [Fact]
    public void The_registration_token_column_is_added_only_where_it_is_missing()
    {
        // An existing database gets the column at the next start; a second start must not try to add it again.
        var dialect = new SqlServerDialect();
        var batches = dialect.SplitScript(dialect.GetSchemaScript(RelationalTableNames.Create(dialect, "oauth2", "p_")));

        var batch = Assert.Single(batches, b => b.Contains("registration_token_hash", StringComparison.Ordinal));
        var statement = Assert.IsType<IfStatement>(Assert.Single(((TSqlScript)ParseFragment(batch)).Batches.Single().Statements));
        Assert.Contains("COL_LENGTH(N'[oauth2].[p_clients]', N'registration_token_hash') IS NULL", batch, StringComparison.Ordinal);
        Assert.IsType<AlterTableAddTableElementStatement>(statement.ThenStatement);
    }

    [Fact]
    public void The_secret_expiry_column_is_added_only_where_it_is_missing()
    {
        // RFC 7591 client_secret_expires_at: an existing database gets the nullable column (null = never) at the next
        // start; a second start must not try to add it again.
        var dialect = new SqlServerDialect();
        var batches = dialect.SplitScript(dialect.GetSchemaScript(RelationalTableNames.Create(dialect, "oauth2", "p_")));

        var batch = Assert.Single(batches, b => b.Contains("secret_expires_at", StringComparison.Ordinal));
        var statement = Assert.IsType<IfStatement>(Assert.Single(((TSqlScript)ParseFragment(batch)).Batches.Single().Statements));
        Assert.Contains("COL_LENGTH(N'[oauth2].[p_clients]', N'secret_expires_at') IS NULL", batch, StringComparison.Ordinal);
        Assert.Contains("ADD secret_expires_at bigint NULL", batch, StringComparison.Ordinal);
        Assert.IsType<AlterTableAddTableElementStatement>(statement.ThenStatement);
    }

    [Fact]
    public void The_dpop_jkt_column_is_added_only_where_it_is_missing()
    {
        // RFC 9449 section 10: codes of an existing database gain the column at the next start, once.
        var dialect = new SqlServerDialect();
        var batches = dialect.SplitScript(dialect.GetSchemaScript(RelationalTableNames.Create(dialect, "oauth2", "p_")));

        var batch = Assert.Single(batches, b => b.Contains("dpop_jkt", StringComparison.Ordinal));
        var statement = Assert.IsType<IfStatement>(Assert.Single(((TSqlScript)ParseFragment(batch)).Batches.Single().Statements));
        Assert.Contains("COL_LENGTH(N'[oauth2].[p_authorization_codes]', N'dpop_jkt') IS NULL", batch, StringComparison.Ordinal);
        var alter = Assert.IsType<AlterTableAddTableElementStatement>(statement.ThenStatement);
        Assert.Equal("dpop_jkt", Assert.Single(alter.Definition.ColumnDefinitions).ColumnIdentifier.Value);
    }

    [Fact]
    public void Redemptions_are_single_statements_that_output_the_grant_id()
    {
        var statements = Statements("oauth2", string.Empty);

        foreach (var redeem in new[] { statements.RedeemAuthorizationCode, statements.RedeemRefreshToken })
        {
            var fragment = ParseFragment(redeem.Sql);
            var batch = Assert.Single(((TSqlScript)fragment).Batches);
            var update = Assert.IsType<UpdateStatement>(Assert.Single(batch.Statements));
            Assert.NotNull(update.UpdateSpecification.OutputClause);
            Assert.Contains("redeemed_at IS NULL", redeem.Sql, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_device_update_is_one_conditional_update_of_everything_but_the_keys_and_the_retention()
    {
        var update = Statements("oauth2", string.Empty).UpdateDeviceAuthorization;

        var statement = Assert.IsType<UpdateStatement>(SingleStatement(update.Sql));

        var set = statement.UpdateSpecification.SetClauses.Cast<AssignmentSetClause>().Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value).ToArray();
        Assert.Equal(RelationalColumns.DeviceAuthorizationUpdates, set);
        Assert.DoesNotContain("retain_until", set);
        Assert.DoesNotContain("user_digest", set);
        Assert.EndsWith("WHERE device_digest = @device_digest AND revision = @expected_revision AND retain_until > @now", update.Sql, StringComparison.Ordinal);
        Assert.Null(statement.UpdateSpecification.OutputClause);
    }

    [Fact]
    public void The_device_insert_checks_the_user_code_under_an_update_range_lock()
    {
        var insert = Statements("oauth2", string.Empty).InsertDeviceAuthorization;

        var statement = Assert.IsType<InsertStatement>(SingleStatement(insert.Sql));

        var source = Assert.IsType<SelectInsertSource>(statement.InsertSpecification.InsertSource);
        var query = Assert.IsType<QuerySpecification>(source.Select);
        var notExists = Assert.IsType<BooleanNotExpression>(query.WhereClause.SearchCondition);
        var exists = Assert.IsType<ExistsPredicate>(notExists.Expression);
        var table = Assert.IsType<NamedTableReference>(Assert.Single(((QuerySpecification)exists.Subquery.QueryExpression).FromClause.TableReferences));
        Assert.Equal(
            new[] { TableHintKind.UpdLock, TableHintKind.HoldLock }.Order(),
            table.TableHints.Select(h => h.HintKind).Order());
        Assert.Equal("device_authorizations", table.SchemaObject.BaseIdentifier.Value);
        Assert.Equal(RelationalColumns.DeviceAuthorizations, statement.InsertSpecification.Columns.Select(c => c.MultiPartIdentifier.Identifiers[^1].Value));
    }

    [Fact]
    public void The_schema_keys_device_authorizations_by_both_digests_and_indexes_their_retention()
    {
        var dialect = new SqlServerDialect();
        var tables = RelationalTableNames.Create(dialect, "oauth2", "p_");
        var script = dialect.GetSchemaScript(tables);

        var create = Assert.Single(CreateTables(ParseFragment(script)), c => c.SchemaObjectName.BaseIdentifier.Value == "p_device_authorizations");

        var columns = create.Definition.ColumnDefinitions.ToDictionary(c => c.ColumnIdentifier.Value, StringComparer.Ordinal);
        Assert.True(Assert.Single(columns["device_digest"].Constraints.OfType<UniqueConstraintDefinition>()).IsPrimaryKey);
        var unique = Assert.Single(columns["user_digest"].Constraints.OfType<UniqueConstraintDefinition>());
        Assert.False(unique.IsPrimaryKey);
        Assert.Equal("p_device_authorizations_user_digest", unique.ConstraintIdentifier.Value);
        Assert.Contains("CREATE INDEX [p_device_authorizations_retain_until] ON [oauth2].[p_device_authorizations] (retain_until);", script, StringComparison.Ordinal);
        Assert.Equal("PruneDeviceAuthorizations", Statements("oauth2", "p_").All.Single(s => s.Sql.Contains("retain_until <= @now", StringComparison.Ordinal) && s.Sql.StartsWith("DELETE TOP", StringComparison.Ordinal)).Name);
    }

    [Fact]
    public void The_pruning_lease_is_a_session_application_lock_taken_without_waiting_on_the_bound_name()
    {
        var statements = Statements("oauth2", "p_");
        var acquire = statements.AcquirePruningLease!;
        var release = statements.ReleasePruningLease!;

        Assert.Equal(["lease_name"], acquire.ParameterNames);
        Assert.Equal(["lease_name"], release.ParameterNames);
        // Besides the procedures' own parameter names, the one local (@result) and the one bound value.
        Assert.Equal(["DECLARED:@result", "LockMode", "LockOwner", "LockTimeout", "Resource", "lease_name", "result"], Parse(acquire.Sql).Variables);
        Assert.Equal(["LockOwner", "Resource", "lease_name"], Parse(release.Sql).Variables);
        var acquireCall = ((TSqlScript)ParseFragment(acquire.Sql)).Batches.Single().Statements.OfType<ExecuteStatement>().Single();
        Assert.Equal("sp_getapplock", ProcedureName(acquireCall));
        Assert.Equal(
            new Dictionary<string, string> { ["@Resource"] = "@lease_name", ["@LockMode"] = "Exclusive", ["@LockOwner"] = "Session", ["@LockTimeout"] = "0" },
            Arguments(acquireCall));
        var releaseCall = Assert.IsType<ExecuteStatement>(SingleStatement(release.Sql));
        Assert.Equal("sp_releaseapplock", ProcedureName(releaseCall));
        Assert.Equal(new Dictionary<string, string> { ["@Resource"] = "@lease_name", ["@LockOwner"] = "Session" }, Arguments(releaseCall));
        Assert.Equal("oauth2-prune/oauth2/p_", statements.PruningLeaseName);
        Assert.NotEqual(statements.PruningLeaseName, Statements("oauth2", "q_").PruningLeaseName);
    }

    private static string ProcedureName(ExecuteStatement statement) =>
        ((ExecutableProcedureReference)statement.ExecuteSpecification.ExecutableEntity).ProcedureReference.ProcedureReference.Name.BaseIdentifier.Value;

    private static Dictionary<string, string> Arguments(ExecuteStatement statement) =>
        statement.ExecuteSpecification.ExecutableEntity.Parameters.ToDictionary(
            p => p.Variable.Name,
            p => p.ParameterValue switch
            {
                VariableReference v => v.Name,
                Literal l => l.Value,
                _ => p.ParameterValue.GetType().Name,
            },
            StringComparer.Ordinal);

    private static TSqlStatement SingleStatement(string sql)
    {
        var batch = Assert.Single(((TSqlScript)ParseFragment(sql)).Batches);
        return Assert.Single(batch.Statements);
    }

    private static IEnumerable<CreateTableStatement> CreateTables(TSqlFragment script) =>
        ((TSqlScript)script).Batches.SelectMany(b => b.Statements).SelectMany(s => s is IfStatement i ? [i.ThenStatement] : new[] { s }).OfType<CreateTableStatement>();

    private static RelationalStatements Statements(string schema, string prefix)
    {
        var dialect = new SqlServerDialect();
        return RelationalStatements.Create(dialect, RelationalTableNames.Create(dialect, schema, prefix));
    }

    private static TSqlParameterCollector Parse(string sql)
    {
        var collector = new TSqlParameterCollector();
        ParseFragment(sql).Accept(collector);
        return collector;
    }

    private static TSqlFragment ParseFragment(string sql) => TSqlText.Parse(sql);

    private static int CountOccurrences(string text, string value) => TSqlText.CountOccurrences(text, value);
}
