using OAuth2.Tokens;

namespace OAuth2.Model;

/// <summary>Node's <c>saveToken</c>, plus family revocation: required by the token endpoint.</summary>
public interface ITokenModel
{
    /// <summary>Saves an issued token pair; returns the token to answer with (it may add extended attributes).</summary>
    ValueTask<Token> SaveTokenAsync(Token token, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes every code and token descending from one authorization: called on a replayed code and on a reused
    /// refresh token (RFC 6749 section 4.1.2, RFC 9700 section 4.14).
    /// </summary>
    ValueTask RevokeGrantAsync(string grantId, CancellationToken cancellationToken);
}
