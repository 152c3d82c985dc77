namespace OAuth2.Sample.Server.Configuration;

/// <summary>A demo resource owner from configuration (<c>OAuth2:Users:N</c>).</summary>
public sealed class SampleUserOptions
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>The user id tokens carry as <c>sub</c>; defaults to the username.</summary>
    public string? Id { get; set; }

    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);
}
