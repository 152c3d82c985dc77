using OAuth2.Errors;

namespace OAuth2.Profiles;

/// <summary>
/// What <see cref="OAuth2ServerOptions.Profile"/> does to the options, in one place: the settings it tightens (never
/// loosens) and the ones it refuses at start-up because tightening them would change what the host asked for.
/// </summary>
internal static class SecurityProfiles
{
    /// <summary>FAPI 2.0 section 5.3.2.1: authorization codes live at most 60 seconds.</summary>
    public static readonly TimeSpan Fapi2MaxCodeLifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// FAPI 2.0 section 5.3.2.1: clients authenticate with <c>private_key_jwt</c> only (the profile's other choice,
    /// mTLS, this library has not). The one rule behind the authenticator's refusal of secrets, the metadata's
    /// <c>*_auth_methods_supported</c> and what dynamic registration accepts.
    /// </summary>
    public static bool RequiresPrivateKeyJwt(OAuth2ServerOptions options) => options.Profile == SecurityProfile.Fapi2;

    /// <summary>Refuses options the profile forbids; runs before <see cref="Apply"/> on what the host configured.</summary>
    public static void Validate(OAuth2ServerOptions options)
    {
        if (options.Profile == SecurityProfile.None)
        {
            return;
        }

        if (options.Profile != SecurityProfile.Fapi2)
        {
            throw new InvalidArgumentException("Invalid argument: unknown `profile`");
        }

        if (string.IsNullOrEmpty(options.Issuer))
        {
            // Section 5.3.2.1 (metadata) and 5.3.2.2 (RFC 9207 `iss` in authorization responses).
            throw new InvalidArgumentException("Invalid argument: the FAPI 2.0 profile requires `issuer`");
        }

        foreach (var (grant, required) in options.RequireClientAuthentication)
        {
            if (!required)
            {
                throw new InvalidArgumentException($"Invalid argument: the FAPI 2.0 profile requires client authentication for every grant (`requireClientAuthentication` turns it off for `{grant}`)");
            }
        }

        if (options.Dpop is not { Enabled: true })
        {
            // Section 5.3.2.1: sender-constrained access tokens. DPoP is the one mechanism here (no mTLS).
            throw new InvalidArgumentException("Invalid argument: the FAPI 2.0 profile requires sender-constrained access tokens: `Dpop.Enabled` must be on (mTLS is not supported)");
        }

        if (options.Dpop.ReplayCache is null || options.ClientAssertions?.ReplayCache is null)
        {
            // Without a replay cache every proof and every assertion is refused: no client could get a token.
            throw new InvalidArgumentException("Invalid argument: the FAPI 2.0 profile requires `Dpop.ReplayCache` and `ClientAssertions.ReplayCache` (the DI registration sets both)");
        }

        if (options.ClientAssertions.Audiences is { Count: > 0 })
        {
            // Section 5.3.2.1: client assertions name the issuer identifier as their only audience.
            throw new InvalidArgumentException("Invalid argument: the FAPI 2.0 profile accepts only the issuer as a client assertion's `aud`: `ClientAssertions.Audiences` must be empty");
        }

        if (options.PushedAuthorizationRequestLifetime < TimeSpan.FromSeconds(5) || options.PushedAuthorizationRequestLifetime > TimeSpan.FromSeconds(600))
        {
            // Section 5.3.2.2: expires_in between 5 and 600 seconds.
            throw new InvalidArgumentException("Invalid argument: the FAPI 2.0 profile requires `pushedAuthorizationRequestLifetime` between 5 and 600 seconds");
        }
    }

    /// <summary>The profile's tightenings, applied to the server's private snapshot of the options.</summary>
    public static void Apply(OAuth2ServerOptions snapshot)
    {
        if (snapshot.Profile != SecurityProfile.Fapi2)
        {
            return;
        }

        // 5.3.2.2: PAR for every authorization request; PKCE with S256 only.
        snapshot.RequirePushedAuthorizationRequests = true;
        snapshot.RequirePkce = true;
        snapshot.EnablePlainPkce = false;

        // 5.3.2.1: codes live at most 60 seconds; no resource owner password grant.
        if (snapshot.AuthorizationCodeLifetime > Fapi2MaxCodeLifetime)
        {
            snapshot.AuthorizationCodeLifetime = Fapi2MaxCodeLifetime;
        }

        snapshot.GrantTypes.Remove(GrantTypes.Password);

        // 5.3.2.1: no refresh token rotation (a lost rotation response strands the client).
        snapshot.AlwaysIssueNewRefreshToken = false;

        // 5.3.3 (resource servers, which the authenticate endpoint is): no access token in the query.
        snapshot.AllowBearerTokensInQueryString = false;
    }
}
