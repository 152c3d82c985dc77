using OAuth2.Storage.Relational;

namespace OAuth2.Storage.PostgreSql;

/// <summary>Settings of the PostgreSQL store.</summary>
public sealed class PostgreSqlStorageOptions : RelationalStorageOptions
{
    /// <summary>The schema holding the tables; <see cref="RelationalOAuth2Store.EnsureSchemaAsync"/> creates it when missing.</summary>
    public string Schema { get; set; } = "oauth2";

    public override void Validate()
    {
        base.Validate();
        SqlIdentifier.Validate(Schema, nameof(Schema));
    }
}
