namespace OAuth2.Storage;

/// <summary>
/// A store that prepares its backend before first use (SQL: the schema; MongoDB: the indexes). Idempotent, so a
/// host may run it at every start; stores that need nothing (in-memory, Redis) do not implement it.
/// </summary>
public interface IStoreInitializer
{
    ValueTask InitializeAsync(CancellationToken cancellationToken);
}
