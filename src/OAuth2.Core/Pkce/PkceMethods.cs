namespace OAuth2.Pkce;

/// <summary>The RFC 7636 code challenge methods.</summary>
public static class PkceMethods
{
    public const string S256 = "S256";
    public const string Plain = "plain";
}
