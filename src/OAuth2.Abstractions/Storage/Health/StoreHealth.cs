namespace OAuth2.Storage.Health;

/// <summary>What a <see cref="IStoreHealthProbe"/> found; the description is for operators and never carries a secret.</summary>
public sealed record StoreHealth(StoreHealthStatus Status, string Description)
{
    public static StoreHealth Healthy(string description) => new(StoreHealthStatus.Healthy, description);

    public static StoreHealth Degraded(string description) => new(StoreHealthStatus.Degraded, description);

    public static StoreHealth Unhealthy(string description) => new(StoreHealthStatus.Unhealthy, description);
}

/// <summary>Mirrors the health-check framework's three states without depending on it.</summary>
public enum StoreHealthStatus
{
    Unhealthy = 0,
    Degraded = 1,
    Healthy = 2,
}
