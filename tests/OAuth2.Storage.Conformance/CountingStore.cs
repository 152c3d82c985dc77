using OAuth2.Tokens;

namespace OAuth2.Storage.Conformance;

/// <summary>Forwards to the store under test and counts token saves, to tell how many tokens the core minted.</summary>
internal sealed class CountingStore(IOAuth2Store inner) : DelegatingOAuth2Store(inner)
{
    private int _tokenSaves;

    public int TokenSaves => Volatile.Read(ref _tokenSaves);

    public override ValueTask SaveTokensAsync(TokenDigest accessTokenDigest, AccessToken accessToken, TokenDigest? refreshTokenDigest, RefreshToken? refreshToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _tokenSaves);
        return base.SaveTokensAsync(accessTokenDigest, accessToken, refreshTokenDigest, refreshToken, cancellationToken);
    }
}
