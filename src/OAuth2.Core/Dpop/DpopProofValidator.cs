using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.Dpop;

/// <summary>
/// Checks a <c>DPoP</c> proof (RFC 9449 section 4.3), every rule in the RFC's order: one header, bounded size, a
/// compact JWS typed <c>dpop+jwt</c>, an allowed asymmetric <c>alg</c>, a public <c>jwk</c> that verifies the
/// signature, <c>htm</c> and <c>htu</c> naming this request, a fresh <c>iat</c>, the server nonce when required,
/// <c>ath</c> when an access token comes with it, and last a <c>jti</c> never seen within the window.
/// </summary>
/// <remarks>
/// The replay check is last, so a proof refused for any other reason does not use up its <c>jti</c>; it is a single
/// atomic call to the replay store, shared by every instance.
/// </remarks>
internal sealed class DpopProofValidator
{
    public const string HeaderName = "DPoP";
    public const string NonceHeaderName = "DPoP-Nonce";
    private const int MaxJtiLength = 256;

    private readonly DpopOptions _options;
    private readonly DpopReplayGuard _replay;
    private readonly TimeProvider _timeProvider;
    private readonly HashSet<string> _algorithms;
    private readonly DpopProofKeyCache _keys = new();

    public DpopProofValidator(DpopOptions options, DpopReplayGuard replay, TimeProvider timeProvider)
    {
        _options = options;
        _replay = replay;
        _timeProvider = timeProvider;
        Algorithms = ParseAlgorithms(options.SigningAlgorithms);
        _algorithms = new HashSet<string>(Algorithms, StringComparer.Ordinal);
        Nonces = new DpopNonces(options, timeProvider);
    }

    /// <summary>The accepted algorithms, for <c>dpop_signing_alg_values_supported</c> and the <c>algs</c> of a challenge.</summary>
    public IReadOnlyList<string> Algorithms { get; }

    public DpopNonces Nonces { get; }

    public bool RequireNonce => _options.RequireNonce;

    /// <summary>
    /// Validates the request's proof; <c>null</c> when it carries none. <paramref name="accessToken"/> is the token
    /// the proof must hash in <c>ath</c> (at a protected resource), <c>null</c> at the token endpoint.
    /// </summary>
    public async ValueTask<DpopProof?> ValidateAsync(OAuth2Request request, string? accessToken, CancellationToken cancellationToken)
    {
        var values = request.Headers.GetAll(HeaderName);
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw Invalid("Invalid DPoP proof: more than one `DPoP` header", ErrorIds.DpopProofMalformed);
        }

        var proof = values[0];
        if (proof.Length == 0 || proof.Length > _options.MaxProofLength)
        {
            throw Invalid("Invalid DPoP proof: empty or too long", ErrorIds.DpopProofMalformed);
        }

        var verified = DpopJws.Verify(proof, _algorithms, _keys);
        var claims = verified.Payload;

        var jti = RequireString(claims, "jti");
        if (jti.Length == 0 || jti.Length > MaxJtiLength)
        {
            throw Invalid("Invalid DPoP proof: `jti` is empty or too long", ErrorIds.DpopProofMalformed);
        }

        if (!string.Equals(RequireString(claims, "htm"), request.Method, StringComparison.Ordinal))
        {
            throw Invalid("Invalid DPoP proof: `htm` does not match the request method", ErrorIds.DpopProofRequestMismatch);
        }

        if (request.Url is not { } url || !DpopTargetUri.Matches(RequireString(claims, "htu"), url))
        {
            throw Invalid("Invalid DPoP proof: `htu` does not match the request URL", ErrorIds.DpopProofRequestMismatch);
        }

        var now = _timeProvider.GetUtcNow();
        if (!claims.TryGetProperty("iat", out var iat) || iat.ValueKind != JsonValueKind.Number || !iat.TryGetDouble(out var issuedAt)
            || Math.Abs(now.ToUnixTimeMilliseconds() / 1000d - issuedAt) > _options.ProofLifetime.TotalSeconds)
        {
            throw Invalid("Invalid DPoP proof: `iat` is missing or outside the accepted window", ErrorIds.DpopProofStale);
        }

        if (_options.RequireNonce)
        {
            var nonce = claims.TryGetProperty("nonce", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (!Nonces.IsValid(nonce))
            {
                throw new UseDpopNonceException(Nonces.Current()) { ErrorId = ErrorIds.DpopNonceRequired };
            }
        }

        if (accessToken is not null && !string.Equals(RequireString(claims, "ath"), AccessTokenHash(accessToken), StringComparison.Ordinal))
        {
            throw Invalid("Invalid DPoP proof: `ath` does not match the access token", ErrorIds.DpopProofTokenMismatch);
        }

        if (!await _replay.TryUseAsync(verified.Thumbprint, jti, now + _options.ProofLifetime + _options.ProofLifetime, cancellationToken).ConfigureAwait(false))
        {
            throw Invalid("Invalid DPoP proof: `jti` was used before (or no replay cache is configured)", ErrorIds.DpopProofReplayed);
        }

        return new DpopProof(verified.Thumbprint);
    }

    /// <summary>The <c>ath</c> of an access token: base64url of the SHA-256 of its ASCII bytes (RFC 9449 section 4.2).</summary>
    public static string AccessTokenHash(string accessToken)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(accessToken), hash);
        return Base64Url.EncodeToString(hash);
    }

    internal static InvalidDpopProofException Invalid(string description, string errorId, Exception? inner = null)
        => new(description, inner) { ErrorId = errorId };

    private static string RequireString(JsonElement claims, string name)
        => claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid($"Invalid DPoP proof: `{name}` is missing or not a string", ErrorIds.DpopProofMalformed);

    /// <summary>The configured algorithms; <c>none</c> and symmetric ones are a configuration error (a proof's key is public).</summary>
    private static string[] ParseAlgorithms(string? configured)
    {
        var algorithms = (configured ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (algorithms.Length == 0)
        {
            throw new InvalidArgumentException("Invalid argument: `Dpop.SigningAlgorithms` names no algorithm");
        }

        foreach (var algorithm in algorithms)
        {
            if (!DpopJws.IsSupportedAsymmetric(algorithm))
            {
                throw new InvalidArgumentException($"Invalid argument: `Dpop.SigningAlgorithms` names `{algorithm}`, which is not a supported asymmetric JWS algorithm");
            }
        }

        return algorithms;
    }
}
