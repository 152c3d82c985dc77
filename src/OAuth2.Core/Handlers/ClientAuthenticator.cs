using System.Text;
using OAuth2.Clients;
using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Model;
using OAuth2.Security;

namespace OAuth2.Handlers;

/// <summary>
/// Client authentication at the token, revocation, introspection, device authorization and PAR endpoints: <c>client_secret_basic</c>
/// with the RFC 6749 section 2.3.1 form-decoding, <c>client_secret_post</c>, and <c>none</c> for public clients
/// where policy allows. One method per request; secrets never in the query.
/// </summary>
/// <remarks>
/// <c>private_key_jwt</c> (RFC 7523 section 2.2) too, for a client registered for it, which then has no other method.
/// The authenticator is endpoint-agnostic: every endpoint that authenticates clients goes through it, so the FAPI 2.0
/// profile's rules on client authentication (no secrets, no public clients) are enforced here once.
/// </remarks>
internal sealed class ClientAuthenticator(IClientModel model, OAuth2ServerOptions options, ClientAuthenticator.SecretVerifier? verifier = null, ClientAssertions.ClientAssertionValidator? assertions = null, TimeProvider? timeProvider = null)
{
    /// <summary>Checks a presented secret against a stored hash; a seam so tests can count what each path spends.</summary>
    public delegate bool SecretVerifier(string presentedSecret, string? storedHash);

    private readonly IClientSecretValidator? _secretValidator = ModelCapabilities.As<IClientSecretValidator>(model);
    private readonly SecretVerifier _verify = verifier ?? ClientSecretHasher.Verify;

    /// <summary>The clock a secret's expiry is checked against.</summary>
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// <see cref="ExtractCredentials(OAuth2Request)"/> with the length cap every endpoint applies: body credentials met
    /// the request guard already, a Basic header did not.
    /// </summary>
    public static ClientCredentials ExtractCredentials(OAuth2Request request, int maxLength)
    {
        var credentials = ExtractCredentials(request);
        if (credentials.ClientId.Length > maxLength || credentials.ClientSecret?.Length > maxLength)
        {
            throw new InvalidClientException("Invalid client: malformed Basic credentials") { ErrorId = ErrorIds.ClientCredentialsMalformed };
        }

        return credentials;
    }

    public static ClientCredentials ExtractCredentials(OAuth2Request request)
    {
        if (request.Query.Contains("client_secret"))
        {
            throw new InvalidRequestException("Invalid request: client credentials must not be sent in the query string");
        }

        var formId = request.Form.GetSingle("client_id");
        var formSecret = request.Form.GetSingle("client_secret");
        var basic = ParseBasic(request.GetHeader("Authorization"));
        var assertionType = request.Form.GetSingle("client_assertion_type");
        var assertion = request.Form.GetSingle("client_assertion");
        if (assertionType is not null || assertion is not null)
        {
            // RFC 6749 section 2.3: one authentication method per request.
            if (basic is not null || formSecret is not null)
            {
                throw new InvalidRequestException("Invalid request: only one authentication method is allowed") { ErrorId = ErrorIds.MultipleAuthenticationMethods };
            }

            if (assertionType is null || assertion is null)
            {
                throw new InvalidRequestException($"Missing parameter: `{(assertion is null ? "client_assertion" : "client_assertion_type")}`") { ErrorId = ErrorIds.MissingParameter };
            }

            var read = ClientAssertions.ClientAssertion.Read(assertionType, assertion, formId, request.Path);
            return new ClientCredentials(read.Subject, null, UsedBasic: false, read);
        }

        if (basic is { } fromHeader)
        {
            if (formSecret is not null)
            {
                throw new InvalidRequestException("Invalid request: only one authentication method is allowed");
            }

            if (formId is not null && !string.Equals(formId, fromHeader.ClientId, StringComparison.Ordinal))
            {
                throw new InvalidRequestException("Invalid request: `client_id` does not match the Authorization header");
            }

            return fromHeader;
        }

        if (formId is null)
        {
            throw new InvalidClientException("Invalid client: cannot retrieve client credentials") { ErrorId = ErrorIds.ClientCredentialsMissing };
        }

        if (!ParameterRules.IsVsChar(formId))
        {
            throw new InvalidRequestException("Invalid parameter: `client_id`");
        }

        if (formSecret is not null && !ParameterRules.IsVsChar(formSecret))
        {
            throw new InvalidRequestException("Invalid parameter: `client_secret`");
        }

        return new ClientCredentials(formId, formSecret, UsedBasic: false);
    }

    /// <summary>Looks the client up and checks its credentials as its type and the grant require.</summary>
    public ValueTask<OAuth2Client> AuthenticateAsync(ClientCredentials credentials, string grantType, CancellationToken cancellationToken)
        => AuthenticateAsync(credentials, ClientAuthenticationPurpose.Grant, grantType, cancellationToken);

    /// <summary>Looks the client up and checks its credentials as its type and the endpoint require.</summary>
    public ValueTask<OAuth2Client> AuthenticateAsync(ClientCredentials credentials, ClientAuthenticationPurpose purpose, CancellationToken cancellationToken) => purpose switch
    {
        ClientAuthenticationPurpose.Grant => throw new ArgumentException("A grant names its grant type.", nameof(purpose)),
        // The device authorization request starts the device_code grant and follows its configured policy.
        ClientAuthenticationPurpose.DeviceAuthorization => AuthenticateAsync(credentials, purpose, GrantTypes.DeviceCode, cancellationToken),
        // RFC 9126 section 2: the client authenticates as it would at the token endpoint for the code it will redeem.
        ClientAuthenticationPurpose.PushedAuthorization => AuthenticateAsync(credentials, purpose, GrantTypes.AuthorizationCode, cancellationToken),
        _ => AuthenticateAsync(credentials, purpose, grantType: null, cancellationToken),
    };

    private async ValueTask<OAuth2Client> AuthenticateAsync(ClientCredentials credentials, ClientAuthenticationPurpose purpose, string? grantType, CancellationToken cancellationToken)
    {
        if (Profiles.SecurityProfiles.RequiresPrivateKeyJwt(options) && credentials.Assertion is null && (credentials.ClientSecret is not null || credentials.UsedBasic))
        {
            // FAPI 2.0 section 5.3.2.1: private_key_jwt (or mTLS, which this library has not) at every endpoint. Refused
            // before the lookup, so the answer is the same for every client id and no secret is ever hashed.
            throw new InvalidClientException("Invalid client: the security profile requires `private_key_jwt` client authentication") { ErrorId = ErrorIds.ProfileClientSecretNotAllowed };
        }

        var client = await model.GetClientAsync(credentials.ClientId, cancellationToken).ConfigureAwait(false);
        if (client is null || !string.Equals(client.Id, credentials.ClientId, StringComparison.Ordinal))
        {
            // Spend what a wrong secret for a real client spends, so that response time does not reveal which ids
            // exist (no secret: a real client hashes nothing either).
            if (credentials.ClientSecret is not null)
            {
                _verify(credentials.ClientSecret, _dummyHash);
            }

            throw new InvalidClientException { ErrorId = ErrorIds.ClientAuthenticationFailed };
        }

        var registeredForKeys = string.Equals(client.TokenEndpointAuthMethod, TokenEndpointAuthMethods.PrivateKeyJwt, StringComparison.Ordinal);
        if (credentials.Assertion is { } assertion)
        {
            // Only a confidential client registered for private_key_jwt authenticates by assertion.
            if (!registeredForKeys || client.Type == ClientType.Public || assertions is null)
            {
                throw new InvalidClientException { ErrorId = ErrorIds.ClientAuthenticationMethodNotAllowed };
            }

            await assertions.ValidateAsync(assertion, client, cancellationToken).ConfigureAwait(false);
            return client;
        }

        if (registeredForKeys)
        {
            // No fallback: a client with registered keys is never authenticated by a secret, nor let through unauthenticated.
            throw new InvalidClientException { ErrorId = ErrorIds.ClientAuthenticationMethodNotAllowed };
        }

        if (client.Type == ClientType.Public)
        {
            if (options.Profile == SecurityProfile.Fapi2)
            {
                // FAPI 2.0 section 5.3.2.1: confidential clients only, at every endpoint.
                throw new InvalidClientException("Invalid client: the security profile allows confidential clients only") { ErrorId = ErrorIds.ProfileViolation };
            }

            if (credentials.ClientSecret is not null)
            {
                throw new InvalidClientException("Invalid client: public clients do not authenticate with a secret") { ErrorId = ErrorIds.PublicClientWithSecret };
            }

            if (!PublicClientMayUse(purpose, grantType))
            {
                throw new UnauthorizedClientException("Unauthorized client: public clients may not use this grant type") { ErrorId = ErrorIds.PublicClientNotAllowed };
            }

            return client;
        }

        if (credentials.ClientSecret is null)
        {
            // A Basic header with an empty password is an attempt to authenticate with an empty secret.
            if (!credentials.UsedBasic && grantType is not null && options.RequireClientAuthentication.TryGetValue(grantType, out var required) && !required)
            {
                return client;
            }

            // The same answer as for an unknown id: a more helpful text would tell which confidential ids exist.
            throw new InvalidClientException { ErrorId = ErrorIds.ClientAuthenticationFailed };
        }

        bool valid;
        if (_secretValidator is not null)
        {
            valid = await _secretValidator.ValidateClientSecretAsync(client, credentials.ClientSecret, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            MatchDummyCostTo(client.SecretHash);
            valid = _verify(credentials.ClientSecret, client.SecretHash);
        }

        if (!valid)
        {
            throw new InvalidClientException { ErrorId = ErrorIds.ClientAuthenticationFailed };
        }

        // RFC 7591 client_secret_expires_at, checked only once the secret is right, and answered like a wrong one.
        if (client.ClientSecretExpiresAt is { } secretExpiresAt && _time.GetUtcNow() >= secretExpiresAt)
        {
            throw new InvalidClientException { ErrorId = ErrorIds.ClientSecretExpired };
        }

        return client;
    }

    private bool PublicClientMayUse(ClientAuthenticationPurpose purpose, string? grantType) => purpose switch
    {
        ClientAuthenticationPurpose.Revocation => true,
        ClientAuthenticationPurpose.Introspection => false,
        // RFC 8628 is written for devices that cannot keep a secret.
        ClientAuthenticationPurpose.DeviceAuthorization => true,
        ClientAuthenticationPurpose.PushedAuthorization => true,
        _ => grantType switch
        {
            null or GrantTypes.ClientCredentials => false,
            GrantTypes.AuthorizationCode or GrantTypes.RefreshToken or GrantTypes.DeviceCode => true,
            _ => options.RequireClientAuthentication.TryGetValue(grantType, out var required) && !required,
        },
    };

    // What an unknown client id is verified against: the configured cost (OAuth2ServerOptions.SecretHashIterations),
    // raised to that of the most expensive stored hash met since. Replaced whole, so a racing read sees one or the other.
    private string _dummyHash = ClientSecretHasher.CreateDummyHash(Math.Max(0, options.SecretHashIterations));
    private int _dummyWorkFactor = Math.Max(1, options.SecretHashIterations);

    private void MatchDummyCostTo(string? storedHash)
    {
        var workFactor = ClientSecretHasher.GetWorkFactor(storedHash);
        if (workFactor > Volatile.Read(ref _dummyWorkFactor))
        {
            Volatile.Write(ref _dummyHash, ClientSecretHasher.CreateDummyHash(workFactor));
            Volatile.Write(ref _dummyWorkFactor, workFactor);
        }
    }

    /// <summary>Parses <c>Authorization: Basic</c>; <c>null</c> when the header is absent or another scheme.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ClientCredentials? ParseBasic(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var value = header.AsSpan();
        var space = value.IndexOf(' ');
        var scheme = space < 0 ? value : value[..space];
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var payload = space < 0 ? ReadOnlySpan<char>.Empty : value[(space + 1)..].Trim(' ');
        string id;
        string secret;
        byte[]? rented = null;
        try
        {
            // token68 has no whitespace, which base64 decoding would silently skip.
            if (payload.ContainsAny(" \t\r\n"))
            {
                throw new FormatException("Whitespace inside Basic credentials.");
            }

            var buffer = payload.Length <= 512 ? stackalloc byte[384] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(payload.Length));
            if (!Convert.TryFromBase64Chars(payload, buffer, out var written))
            {
                throw new FormatException("Malformed base64 in Basic credentials.");
            }

            // Split at the first colon before decoding: 0x3A never occurs inside a multi-byte UTF-8 sequence, so
            // this is the split of the decoded text, without a string for the whole of it.
            var decoded = buffer[..written];
            var colon = decoded.IndexOf((byte)':');
            if (payload.Length == 0 || colon <= 0)
            {
                throw new FormatException("No client id in Basic credentials.");
            }

            id = FormUrlEncoding.Decode(StrictUtf8.GetString(decoded[..colon]));
            secret = FormUrlEncoding.Decode(StrictUtf8.GetString(decoded[(colon + 1)..]));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException or InvalidRequestException)
        {
            throw new InvalidClientException("Invalid client: malformed Basic credentials", e);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }

        if (!ParameterRules.IsVsChar(id) || !ParameterRules.IsVsChar(secret))
        {
            throw new InvalidClientException("Invalid client: malformed Basic credentials");
        }

        // An empty password identifies without authenticating (what Duende.IdentityModel sends for a public
        // client by default); AuthenticateAsync refuses it for a confidential client.
        return new ClientCredentials(id, secret.Length == 0 ? null : secret, UsedBasic: true);
    }
}
