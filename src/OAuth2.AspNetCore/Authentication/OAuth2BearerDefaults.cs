namespace OAuth2.AspNetCore.Authentication;

/// <summary>Names used by the OAuth2 bearer authentication scheme.</summary>
public static class OAuth2BearerDefaults
{
    /// <summary>The default scheme name; distinct from JwtBearer's <c>Bearer</c> so both can coexist.</summary>
    public const string AuthenticationScheme = "OAuth2Bearer";
}
