namespace OAuth2.AspNetCore.ResourceServer.Introspection;

/// <summary>Names used by the introspection scheme.</summary>
public static class OAuth2IntrospectionDefaults
{
    /// <summary>The default scheme name; distinct from <c>Bearer</c> (JwtBearer) and <c>OAuth2Bearer</c> so all can coexist.</summary>
    public const string AuthenticationScheme = "OAuth2Introspection";
}
