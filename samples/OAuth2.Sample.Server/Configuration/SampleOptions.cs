namespace OAuth2.Sample.Server.Configuration;

/// <summary>The sample's own part of the <c>OAuth2</c> section: storage choice, clients and users.</summary>
public sealed class SampleOptions
{
    public const string SectionName = "OAuth2";

    /// <summary>Which store to use (<c>InMemory</c>); see <see cref="Storage.SampleStorage"/>.</summary>
    public string Storage { get; set; } = "InMemory";

    /// <summary>
    /// Seconds a client read from the store is served from memory (<c>AddClientCache</c>); 0, the default, turns the
    /// cache off. A client changed or removed on another instance keeps working here for up to this long.
    /// </summary>
    public int ClientCacheSeconds { get; set; }

    public List<SampleClientOptions> Clients { get; set; } = [];

    public List<SampleUserOptions> Users { get; set; } = [];
}
