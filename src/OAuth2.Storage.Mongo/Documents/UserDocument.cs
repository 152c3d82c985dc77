namespace OAuth2.Storage.Mongo.Documents;

/// <summary>The stored form of an <see cref="OAuth2User"/>: <c>{ id, properties: [{k, v}] }</c>.</summary>
internal sealed class UserDocument
{
    public string Id { get; set; } = "";

    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);
}
