namespace OAuth2.Dpop;

/// <summary>
/// DPoP (RFC 9449): sender-constrained tokens. A client that sends a <c>DPoP</c> proof with its token request gets a
/// token bound to its key (<c>token_type: DPoP</c>, <c>cnf.jkt</c>), which is useless to whoever steals it without
/// the private key. Clients that send no proof keep getting bearer tokens, unless registered with
/// <c>dpop_bound_access_tokens</c> or the server runs <see cref="SecurityProfile.Fapi2"/>, which requires a proof always.
/// </summary>
/// <remarks>
/// Several instances: a proof's <c>jti</c> is remembered in the shared <see cref="ReplayCache"/>, so it is single use across
/// instances. Nonces (<see cref="RequireNonce"/>) are stateless (an HMAC of a time step under <see cref="NonceKey"/>),
/// so instances agree on them only when they share the key: set the same <see cref="NonceKey"/> on every instance.
/// </remarks>
public sealed class DpopOptions
{
    /// <summary>The signature algorithms, all asymmetric, accepted on proofs and advertised as <c>dpop_signing_alg_values_supported</c>.</summary>
    public const string DefaultAlgorithms = "ES256 ES384 PS256 RS256";

    /// <summary>Accept DPoP proofs and bind tokens to them; on by default. Off: the <c>DPoP</c> header is ignored and every token is a bearer token.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The accepted proof algorithms, space separated; asymmetric ones only (<c>none</c> and the <c>HS*</c> family are
    /// refused when the server is built), since the proof's key is public by design.
    /// </summary>
    public string SigningAlgorithms { get; set; } = DefaultAlgorithms;

    /// <summary>
    /// How far a proof's <c>iat</c> may lie from the server's clock, either way (RFC 9449 section 11.1); one minute.
    /// A proof's <c>jti</c> is remembered for twice this long, so a replay is refused for as long as the proof is fresh.
    /// </summary>
    public TimeSpan ProofLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest <c>DPoP</c> header accepted, in characters: a proof with an RSA-4096 key fits in 2.5 K.</summary>
    public int MaxProofLength { get; set; } = 4096;

    /// <summary>Demand a server nonce in every proof (RFC 9449 section 8), at the token endpoint and at the resource; off by default.</summary>
    public bool RequireNonce { get; set; }

    /// <summary>
    /// The HMAC key nonces are made with, base64 (at least 32 bytes). Every instance behind one issuer must have the
    /// same key, or a nonce from one is refused by the next. <c>null</c>: a random key per process (one instance only).
    /// </summary>
    public string? NonceKey { get; set; }

    /// <summary>How long a nonce stays valid; a nonce is accepted in its own time step and the next, so for up to twice this. Five minutes.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Where the <c>jti</c> of accepted proofs is remembered. Share one across instances (the storage packages register
    /// theirs, and the DI registration fills this in); without one, every proof is refused, since a replay could not
    /// be stopped.
    /// </summary>
    public Storage.IReplayCache? ReplayCache { get; set; }

    internal DpopOptions Snapshot() => new()
    {
        Enabled = Enabled,
        SigningAlgorithms = SigningAlgorithms,
        ProofLifetime = ProofLifetime,
        MaxProofLength = MaxProofLength,
        RequireNonce = RequireNonce,
        NonceKey = NonceKey,
        NonceLifetime = NonceLifetime,
        ReplayCache = ReplayCache,
    };
}
