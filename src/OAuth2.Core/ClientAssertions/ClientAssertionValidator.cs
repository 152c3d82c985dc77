using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OAuth2.Clients;
using OAuth2.Errors;
using OAuth2.Jwt;

namespace OAuth2.ClientAssertions;

/// <summary>
/// Checks a <c>private_key_jwt</c> assertion against the client it names (RFC 7523 sections 2.2 and 3, OpenID Connect
/// Core section 9): signature by a registered key, <c>iss</c> = <c>sub</c> = client id, an accepted <c>aud</c>,
/// <c>exp</c> required and near, <c>nbf</c>/<c>iat</c> not ahead, and a <c>jti</c> used once until the assertion
/// expires. Every failure is <c>invalid_client</c> with a stable error id and never quotes the assertion.
/// </summary>
/// <remarks>
/// <paramref name="issuerAudienceOnly"/> (the FAPI 2.0 profile, section 5.3.2.1): <c>aud</c> must be the issuer
/// identifier as a single string, nothing else; that still identifies this server as the audience, which is what
/// RFC 7523 section 3 item 3 requires, and it closes the door on assertions a client was tricked into addressing to
/// another server's endpoint.
/// </remarks>
internal sealed class ClientAssertionValidator(ClientAssertionOptions options, string? issuer, TimeProvider timeProvider, bool issuerAudienceOnly = false)
{
    /// <summary>The longest <c>jti</c> accepted; it is hashed into the replay key, so only bounded work rides on it.</summary>
    public const int MaxJtiLength = 512;

    /// <summary>The most clients whose parsed key sets are kept; past it the cache starts over.</summary>
    public const int MaxCachedKeySets = 10_000;

    private readonly string[] _audiences = BuildAudiences(options, issuer);

    // Parsed key sets by client id: importing a JWK (point validation, RSA parameters) costs several times the
    // signature check, so it is done once per registration, not per request. An entry is used only while the client's
    // registered text is unchanged, so a rotated key set takes effect on the next request. Only clients that exist
    // and are registered for private_key_jwt get an entry, and the count is capped.
    private readonly BoundedCache<VerificationKeySet> _keySets = new(MaxCachedKeySets);

    public static void ValidateOptions(ClientAssertionOptions options)
    {
        if (options is null || options.Audiences is null || options.SigningAlgorithms is null)
        {
            throw new InvalidArgumentException("Missing parameter: `clientAssertions` and its `audiences` and `signingAlgorithms` must not be null");
        }

        if (options.MaxLifetime <= TimeSpan.Zero || options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            throw new InvalidArgumentException("Invalid argument: `clientAssertions.maxLifetime` must be positive and `clockSkew` between 0 and 5 minutes");
        }

        if (options.SigningAlgorithms.Count == 0 || options.SigningAlgorithms.Any(alg => !JwsAlgorithm.IsKnown(alg)))
        {
            throw new InvalidArgumentException("Invalid argument: `clientAssertions.signingAlgorithms` must be a non-empty subset of ES256, ES384, PS256, RS256");
        }
    }

    /// <summary>The algorithms accepted, in the metadata's order.</summary>
    public IReadOnlyList<string> SigningAlgorithms { get; } = [.. JwsAlgorithm.All.Where(options.SigningAlgorithms.Contains)];

    public async ValueTask ValidateAsync(ClientAssertion assertion, OAuth2Client client, CancellationToken cancellationToken)
    {
        var jws = assertion.Jws;
        var keys = KeysOf(client) ?? throw Fail(ErrorIds.ClientKeysInvalid);
        var key = keys.Select(jws.KeyId, jws.Algorithm);
        if (key is null || jws.VerifyWith(key, options.SigningAlgorithms) != JoseFailure.None)
        {
            throw Fail(ErrorIds.ClientAssertionSignatureInvalid);
        }

        var claims = jws.Payload;
        if (!IsString(claims, "iss", client.Id) || !IsString(claims, "sub", client.Id) || !HasAcceptedAudience(claims, assertion.EndpointPath)
            || !claims.TryGetProperty("jti", out var jtiElement) || jtiElement.ValueKind != JsonValueKind.String
            || jtiElement.GetString() is not { Length: > 0 and <= MaxJtiLength } jti)
        {
            throw Fail(ErrorIds.ClientAssertionClaimsInvalid);
        }

        if (JwtClaimChecks.CheckTimes(claims, timeProvider, options.ClockSkew, options.MaxLifetime, requireExpiry: true, out var expiresAt) != JoseFailure.None)
        {
            throw Fail(ErrorIds.ClientAssertionExpired);
        }

        // Last, so only an assertion that passed every other check is remembered (RFC 7523 section 3 item 7).
        var cache = options.ReplayCache ?? throw Fail(ErrorIds.ClientAssertionReplayed);
        if (!await cache.TryAddAsync(ReplayKey(client.Id, jti), expiresAt, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            throw Fail(ErrorIds.ClientAssertionReplayed);
        }
    }

    /// <summary>
    /// The replay key: <c>ca:</c> and the base64url SHA-256 of client id and <c>jti</c> (a <c>jti</c> is unique per
    /// issuer, RFC 7519 section 4.1.7), separated by a byte UTF-8 never contains.
    /// </summary>
    internal static string ReplayKey(string clientId, string jti) => ReplayKey("ca:", clientId, jti);

    /// <summary>A replay key of another kind (<paramref name="prefix"/>) for a value unique within <paramref name="scope"/>.</summary>
    internal static string ReplayKey(string prefix, string scope, string jti)
    {
        var input = new byte[Encoding.UTF8.GetByteCount(scope) + 1 + Encoding.UTF8.GetByteCount(jti)];
        var length = Encoding.UTF8.GetBytes(scope, input);
        input[length] = 0xFF;
        Encoding.UTF8.GetBytes(jti, input.AsSpan(length + 1));
        return prefix + Base64Url.EncodeToString(SHA256.HashData(input));
    }

    private VerificationKeySet? KeysOf(OAuth2Client client)
    {
        if (_keySets.TryGet(client.Id, out var cached) && string.Equals(cached.Source, client.Jwks, StringComparison.Ordinal))
        {
            return cached;
        }

        if (VerificationKeySet.TryParse(client.Jwks, out var parsed) != JoseFailure.None)
        {
            return null;
        }

        _keySets.Set(client.Id, parsed!);
        return parsed;
    }

    private bool HasAcceptedAudience(JsonElement claims, string? endpointPath)
    {
        if (!issuerAudienceOnly)
        {
            return JwtClaimChecks.HasAudience(claims, Audiences(endpointPath));
        }

        // FAPI 2.0 section 5.3.2.1: the issuer identifier as a string (either spelling of a trailing slash, since the
        // metadata publishes it without one); no array, no endpoint URL, no configured extra audience.
        return !string.IsNullOrEmpty(issuer) && claims.TryGetProperty("aud", out var aud) && aud.ValueKind == JsonValueKind.String
            && aud.GetString() is { } value && (string.Equals(value, issuer, StringComparison.Ordinal) || string.Equals(value, issuer.TrimEnd('/'), StringComparison.Ordinal));
    }

    private string[] Audiences(string? endpointPath)
    {
        if (issuer is null || string.IsNullOrEmpty(endpointPath) || endpointPath[0] != '/')
        {
            return _audiences;
        }

        return [.. _audiences, issuer.TrimEnd('/') + endpointPath];
    }

    private static string[] BuildAudiences(ClientAssertionOptions options, string? issuer)
    {
        var audiences = new List<string>(options.Audiences);
        if (!string.IsNullOrEmpty(issuer))
        {
            audiences.Add(issuer);
            audiences.Add(issuer.TrimEnd('/'));
        }

        return [.. audiences.Distinct(StringComparer.Ordinal)];
    }

    private static bool IsString(JsonElement claims, string name, string expected)
        => claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), expected, StringComparison.Ordinal);

    private static InvalidClientException Fail(string errorId) => new() { ErrorId = errorId };
}
