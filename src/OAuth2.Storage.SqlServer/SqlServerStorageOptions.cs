using OAuth2.Storage.Relational;

namespace OAuth2.Storage.SqlServer;

/// <summary>Settings of the SQL Server store.</summary>
public sealed class SqlServerStorageOptions : RelationalStorageOptions
{
    /// <summary>The schema holding the tables; <see cref="RelationalOAuth2Store.EnsureSchemaAsync"/> creates it when missing.</summary>
    public string Schema { get; set; } = "oauth2";

    public override void Validate()
    {
        base.Validate();
        SqlIdentifier.Validate(Schema, nameof(Schema));
    }
}
