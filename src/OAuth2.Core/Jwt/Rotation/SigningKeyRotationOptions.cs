namespace OAuth2.Jwt.Rotation;

/// <summary>
/// The rotation schedule of persisted signing keys. A key is published <see cref="PublishAhead"/> before it signs,
/// signs for <see cref="RotationInterval"/>, then is published and accepted for <see cref="RetiredKeyRetention"/>
/// more before it is dropped.
/// </summary>
/// <remarks>
/// <see cref="RetiredKeyRetention"/> must cover the longest access-token lifetime (the server's and every client's
/// override): a token signed just before its key retired lives that long. Resource servers must cache the JWKS for
/// less than <see cref="PublishAhead"/> minus <see cref="RefreshInterval"/>; the JWKS endpoint's <c>max-age</c> is
/// derived so (at most an hour).
/// </remarks>
public sealed class SigningKeyRotationOptions
{
    /// <summary>How long a key signs before the next one takes over. Default 30 days.</summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a next key is published before it signs. Default 2 days; less than <see cref="RotationInterval"/>.</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long a retired key is still published and accepted. Default 1 day; at least the longest access-token lifetime.</summary>
    public TimeSpan RetiredKeyRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often an instance re-reads the store to learn keys other instances added. Default 5 minutes; less than <see cref="PublishAhead"/>.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The algorithm of generated keys: <c>ES256</c> (default), <c>RS256</c> or <c>PS256</c>.</summary>
    public string Algorithm { get; set; } = JwtAlgorithms.ES256;

    /// <summary>Throws when the schedule cannot work (a next key that would not be published before it signs, and so on).</summary>
    public void Validate(TimeSpan longestAccessTokenLifetime)
    {
        if (RotationInterval <= TimeSpan.Zero || PublishAhead <= TimeSpan.Zero || RefreshInterval <= TimeSpan.Zero || RetiredKeyRetention < TimeSpan.Zero)
        {
            throw new ArgumentException("Signing key rotation: intervals must be positive.");
        }

        if (PublishAhead >= RotationInterval)
        {
            throw new ArgumentException("Signing key rotation: PublishAhead must be shorter than RotationInterval.");
        }

        if (RefreshInterval >= PublishAhead)
        {
            throw new ArgumentException("Signing key rotation: RefreshInterval must be shorter than PublishAhead, or an instance may meet a key it has not read yet.");
        }

        if (RetiredKeyRetention < longestAccessTokenLifetime)
        {
            throw new ArgumentException($"Signing key rotation: RetiredKeyRetention ({RetiredKeyRetention}) must be at least the access-token lifetime ({longestAccessTokenLifetime}), or tokens would outlive their key.");
        }

        if (Algorithm is not (JwtAlgorithms.ES256 or JwtAlgorithms.RS256 or JwtAlgorithms.PS256))
        {
            throw new ArgumentException($"Signing key rotation: unsupported algorithm '{Algorithm}'.");
        }
    }

    /// <summary>The JWKS <c>max-age</c> that lets every cache learn a next key before it signs: half the margin, at most an hour.</summary>
    internal TimeSpan JwksMaxAge
    {
        get
        {
            var margin = (PublishAhead - RefreshInterval) / 2;
            return margin < JwtSigningKeySet.DefaultJwksMaxAge ? TimeSpan.FromSeconds(Math.Max(1, (long)margin.TotalSeconds)) : JwtSigningKeySet.DefaultJwksMaxAge;
        }
    }
}
