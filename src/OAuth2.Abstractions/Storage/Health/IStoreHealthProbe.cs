namespace OAuth2.Storage.Health;

/// <summary>
/// What a store offers operators: the name of its backend (the OpenTelemetry <c>db.system.name</c>, tagged on store
/// metrics and spans) and a cheap round trip that says whether the backend answers and keeps what it is given.
/// Optional: a store without it is still instrumented, under its type name, and reported healthy by default.
/// </summary>
/// <remarks>
/// Lives here, free of any health-check framework, so a storage package implements it with no dependency beyond this
/// contract; the DI layer adapts it to <c>IHealthCheck</c>.
/// </remarks>
public interface IStoreHealthProbe
{
    /// <summary>The backend's name as OpenTelemetry spells it: <c>redis</c>, <c>postgresql</c>, <c>sqlite</c>, <c>microsoft.sql_server</c>, <c>mongodb</c>, <c>memory</c>.</summary>
    string BackendName { get; }

    /// <summary>One round trip to the backend. Throws (typically <see cref="StorageUnavailableException"/>) when it does not answer.</summary>
    ValueTask<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken);
}
