namespace OAuth2.Sample.Client;

/// <summary>Where the authorization server is and who this client is there (section <c>SampleServer</c>).</summary>
public sealed record ClientSettings
{
    public const string SectionName = "SampleServer";

    /// <summary>The sample server's base address; its endpoints are <c>/authorize</c>, <c>/token</c> and <c>/api/me</c> under it.</summary>
    public string Authority { get; init; } = "http://127.0.0.1:5000";

    public string ClientId { get; init; } = "demo-web";

    public string ClientSecret { get; init; } = string.Empty;

    public string Scope { get; init; } = "read";

    public Uri Endpoint(string path) => new(new Uri(Authority.TrimEnd('/') + "/"), path);
}
