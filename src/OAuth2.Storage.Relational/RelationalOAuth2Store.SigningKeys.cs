using Dapper;

namespace OAuth2.Storage.Relational;

/// <summary>
/// JWT signing keys: one row per generation in the <c>signing_keys</c> table. The primary key on the generation makes
/// a rotation insert-once (see <see cref="SqlDialect.InsertSigningKey"/>); rows are deleted by the server when a
/// retired key is dropped, never by the expired-data prune.
/// </summary>
public sealed partial class RelationalOAuth2Store : ISigningKeyStore
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<StoredSigningKey>> GetSigningKeysAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var parameters = new StatementParameters();
        var rows = await _runner.ReadAsync(
                (connection, ct) => connection.QueryAsync<SigningKeyRow>(_runner.Command(Statements.FindSigningKeys, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return [.. rows.Select(r => new StoredSigningKey
        {
            Generation = r.generation,
            KeyId = r.key_id,
            Algorithm = r.algorithm,
            ProtectedKey = r.protected_key,
            CreatedAt = RowMapper.FromUnixMs(r.created_at),
            ActivatesAt = RowMapper.FromUnixMs(r.activates_at),
        })];
    }

    /// <inheritdoc />
    /// <remarks>One statement, run once and never retried: its row count says whether this caller's key was stored.</remarks>
    public async ValueTask<bool> TryAddSigningKeyAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        SigningKeyArguments.ThrowIfInvalid(key);
        cancellationToken.ThrowIfCancellationRequested();
        var parameters = new StatementParameters()
            .Int64("generation", key.Generation)
            .Text("key_id", key.KeyId)
            .Text("algorithm", key.Algorithm)
            .Binary("protected_key", key.ProtectedKey)
            .Int64("created_at", RowMapper.ToUnixMs(key.CreatedAt))
            .Int64("activates_at", RowMapper.ToUnixMs(key.ActivatesAt));
        var inserted = await _runner.WriteAsync(
                (connection, ct) => connection.ExecuteAsync(_runner.Command(Statements.InsertSigningKey, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return inserted == 1;
    }

    /// <inheritdoc />
    public async ValueTask RemoveSigningKeyAsync(long generation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var parameters = new StatementParameters().Int64("generation", generation);
        await _runner.WriteAsync(
                (connection, ct) => connection.ExecuteAsync(_runner.Command(Statements.DeleteSigningKey, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
    }
}
