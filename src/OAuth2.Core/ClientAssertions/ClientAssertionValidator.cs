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
internal sealed class ClientAssertionValidator(ClientAssertionOptions options, string? issuer, TimeProvider timeProvider)
{
    /// <summary>The longest <c>jti</c> accepted; it is hashed into the replay key, so only bounded work rides on it.</summary>
    public const int MaxJtiLength = 512;

    private readonly string[] _audiences = BuildAudiences(options, issuer);

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
        if (VerificationKeySet.TryParse(client.Jwks, out var keys) != JoseFailure.None)
        {
            throw Fail(ErrorIds.ClientKeysInvalid);
        }

        var key = keys!.Select(jws.KeyId, jws.Algorithm);
        if (key is null || jws.VerifyWith(key, options.SigningAlgorithms) != JoseFailure.None)
        {
            throw Fail(ErrorIds.ClientAssertionSignatureInvalid);
        }

        var claims = jws.Payload;
        if (!IsString(claims, "iss", client.Id) || !IsString(claims, "sub", client.Id) || !JwtClaimChecks.HasAudience(claims, Audiences(assertion.EndpointPath))
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
    internal static string ReplayKey(string clientId, string jti)
    {
        var input = new byte[Encoding.UTF8.GetByteCount(clientId) + 1 + Encoding.UTF8.GetByteCount(jti)];
        var length = Encoding.UTF8.GetBytes(clientId, input);
        input[length] = 0xFF;
        Encoding.UTF8.GetBytes(jti, input.AsSpan(length + 1));
        return "ca:" + Base64Url.EncodeToString(SHA256.HashData(input));
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
