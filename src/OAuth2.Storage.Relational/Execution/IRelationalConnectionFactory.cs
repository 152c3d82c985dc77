using System.Data.Common;

namespace OAuth2.Storage.Relational;

/// <summary>Opens connections to one database: the provider-specific half of a relational store, next to its <see cref="SqlDialect"/>.</summary>
public interface IRelationalConnectionFactory
{
    /// <summary>Opens a new (usually pooled) connection; the caller disposes it.</summary>
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);
}
