namespace OAuth2.Handlers;

/// <summary>The <c>token_type_hint</c> values of RFC 7009 section 2.1 (also used by RFC 7662).</summary>
internal static class TokenTypeHints
{
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";
}
