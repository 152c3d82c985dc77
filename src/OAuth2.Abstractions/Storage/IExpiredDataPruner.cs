namespace OAuth2.Storage;

/// <summary>
/// Implemented by stores whose backend cannot expire data by itself (SQL): deletes expired rows in bounded
/// batches, never a live one. Stores with native expiry (Redis TTL, Mongo TTL index) need not implement it.
/// </summary>
public interface IExpiredDataPruner
{
    /// <summary>Deletes at most <paramref name="batchSize"/> expired items per statement until none is left; returns how many.</summary>
    ValueTask<int> PruneExpiredAsync(int batchSize, CancellationToken cancellationToken);
}
