using System.Text.Json;

namespace OAuth2.AspNetCore.ResourceServer.ProtectedResource;

/// <summary>The RFC 9728 section 2 JSON document; optional members are left out when empty.</summary>
internal static class ProtectedResourceMetadataDocument
{
    public static byte[] Serialize(OAuth2ProtectedResourceOptions options)
    {
        var document = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["resource"] = options.Resource!,
            ["authorization_servers"] = options.AuthorizationServers.ToArray(),
        };
        if (options.ScopesSupported.Count > 0)
        {
            document["scopes_supported"] = options.ScopesSupported.ToArray();
        }

        document["bearer_methods_supported"] = options.BearerMethodsSupported.ToArray();
        if (options.ResourceDocumentation is { } documentation)
        {
            document["resource_documentation"] = documentation;
        }

        return JsonSerializer.SerializeToUtf8Bytes(document);
    }
}
