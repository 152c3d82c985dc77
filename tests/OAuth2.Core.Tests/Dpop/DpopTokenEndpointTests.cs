using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Dpop;

/// <summary>RFC 9449 section 4.3 (proof checks) and section 5 (binding) at the token endpoint, one rule per test.</summary>
public sealed class DpopTokenEndpointTests
{
    private readonly Harness _h = DpopProofs.Harness();
    private readonly DpopProofs _client = DpopProofs.Es256();

    private static void Refused(OAuth2Result<Token> result, string errorId, string error = InvalidDpopProofException.Code)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(400, result.Response.StatusCode);
        Assert.Equal(error, result.Response.Body!["error"]);
        Assert.Equal(errorId, result.Error!.ErrorId);
    }

    [Fact]
    public async Task Section5_AValidProofBindsTheAccessTokenAndSaysDpop()
    {
        var result = await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof()));

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("DPoP", result.Response.Body!["token_type"]);
        Assert.Equal(_client.Thumbprint, result.Value.JwkThumbprint);
    }

    [Fact]
    public async Task Section5_WithoutAProofTheTokenStaysBearer()
    {
        var result = await _h.TokenAsync(DpopProofs.TokenRequest());

        Assert.True(result.Succeeded);
        Assert.Equal("Bearer", result.Response.Body!["token_type"]);
        Assert.Null(result.Value.JwkThumbprint);
    }

    [Fact]
    public async Task Section4_3_Rule1_TwoDpopHeadersAreRefused()
        => Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: [_client.Proof(), _client.Proof()])), ErrorIds.DpopProofMalformed);

    [Fact]
    public async Task Section4_3_Rule2_NotAJwsIsRefused()
        => Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: "not.a-jws")), ErrorIds.DpopProofMalformed);

    [Fact]
    public async Task Section4_3_ALongerProofThanTheLimitIsRefusedBeforeParsing()
    {
        _h.Options.Dpop.MaxProofLength = 512;
        var proof = _client.Proof(edit: c => c["pad"] = new string('x', 600));

        Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: proof)), ErrorIds.DpopProofMalformed);
    }

    [Fact]
    public async Task Section4_3_Rule4_TypMustBeDpopJwt()
        => Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(typ: "JWT"))), ErrorIds.DpopProofHeaderInvalid);

    [Fact]
    public async Task Section4_3_Rule5_AnAlgorithmOutsideTheAllowListIsRefused()
    {
        _h.Options.Dpop.SigningAlgorithms = "PS256";

        Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof())), ErrorIds.DpopProofHeaderInvalid);
    }

    [Fact]
    public void Section4_3_Rule5_SymmetricAlgorithmsCannotBeConfigured()
    {
        _h.Options.Dpop.SigningAlgorithms = "ES256 HS256";

        Assert.Throws<InvalidArgumentException>(() => _h.Server);
    }

    [Fact]
    public async Task Section4_3_Rule5_AlgNoneIsRefused()
    {
        var proof = _client.Proof();
        var parts = proof.Split('.');
        var header = System.Buffers.Text.Base64Url.EncodeToString("{\"alg\":\"none\",\"typ\":\"dpop+jwt\"}"u8);

        Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: header + "." + parts[1] + "." + parts[2])), ErrorIds.DpopProofHeaderInvalid);
    }

    [Fact]
    public async Task Section4_3_Rule6_APrivateKeyInTheHeaderIsRefused()
        => Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(jwk: _client.Key.PublicJwk(withKid: false, includePrivate: true)))), ErrorIds.DpopProofHeaderInvalid);

    [Fact]
    public async Task Section4_3_Rule6_AProofWithoutJwkIsRefused()
    {
        var proof = _client.Key.Sign(new { jti = "j1", htm = "POST", htu = DpopProofs.TokenUrl, iat = Harness.Start.ToUnixTimeSeconds() }, withKid: false, typ: "dpop+jwt");

        Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: proof)), ErrorIds.DpopProofHeaderInvalid);
    }

    [Fact]
    public async Task Section4_3_Rule7_ASignatureByAnotherKeyIsRefused()
    {
        var other = DpopProofs.Es256();

        Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: other.Proof(jwk: _client.Key.PublicJwk(withKid: false)))), ErrorIds.DpopProofSignatureInvalid);
    }

    [Fact]
    public async Task Section4_3_Rule8_HtmMustBeTheRequestMethod()
        => Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(method: "GET"))), ErrorIds.DpopProofRequestMismatch);

    [Fact]
    public async Task Section4_3_Rule9_HtuMustBeTheRequestUrl()
        => Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(url: "https://as.example.com/other"))), ErrorIds.DpopProofRequestMismatch);

    [Theory]
    [InlineData("https://AS.example.com/token")]
    [InlineData("HTTPS://as.example.com:443/token")]
    [InlineData("https://as.example.com/token?query=ignored")]
    [InlineData("https://as.example.com/token#fragment")]
    [InlineData("https://as.example.com/%74oken")]
    public async Task Section4_3_Rule9_HtuIsComparedAfterNormalisation(string htu)
    {
        var result = await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(url: htu)));

        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Section4_3_Rule9_WithoutTheRequestUrlFromTheHostEveryProofIsRefused()
        => Refused(await _h.TokenAsync(DpopProofs.TokenRequest(url: null, proofs: _client.Proof())), ErrorIds.DpopProofRequestMismatch);

    [Theory]
    [InlineData(-61)]
    [InlineData(61)]
    public async Task Section4_3_Rule11_IatOutsideTheWindowIsRefused(int seconds)
        => Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(issuedAt: Harness.Start.AddSeconds(seconds)))), ErrorIds.DpopProofStale);

    [Fact]
    public async Task Section4_3_Rule11_IatWithinTheWindowIsAccepted()
    {
        var result = await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(issuedAt: Harness.Start.AddSeconds(-59))));

        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Section4_3_Rule12_AReplayedJtiIsRefused()
    {
        var proof = _client.Proof(jti: "once");
        Assert.True((await _h.TokenAsync(DpopProofs.TokenRequest(proofs: proof))).Succeeded);

        Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: proof)), ErrorIds.DpopProofReplayed);
    }

    [Fact]
    public async Task Section11_1_AProofRefusedForAnotherReasonDoesNotUseUpItsJti()
    {
        Refused(await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(jti: "kept", method: "GET"))), ErrorIds.DpopProofRequestMismatch);

        Assert.True((await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(jti: "kept")))).Succeeded);
    }

    [Fact]
    public async Task Section11_1_WithoutAReplayCacheEveryProofIsRefused()
    {
        var bare = new Harness();

        Refused(await bare.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof())), ErrorIds.DpopProofReplayed);
    }

    [Fact]
    public async Task Section5_2_AClientRegisteredForBoundTokensMustSendAProof()
    {
        _h.AddClient(TestClients.All.Single(c => c.Id == "c1") with { Id = "bound", DpopBoundAccessTokens = true });

        Refused(await _h.TokenAsync(DpopProofs.TokenRequest(clientId: "bound")), ErrorIds.DpopProofRequired);
        Assert.True((await _h.TokenAsync(DpopProofs.TokenRequest(clientId: "bound", proofs: _client.Proof()))).Succeeded);
    }

    [Fact]
    public async Task DisabledDpopIgnoresTheHeaderAndIssuesBearerTokens()
    {
        _h.Options.Dpop.Enabled = false;

        var result = await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof()));

        Assert.Equal("Bearer", result.Response.Body!["token_type"]);
        Assert.Null(result.Value!.JwkThumbprint);
    }

    [Fact]
    public void Section5_1_MetadataAdvertisesTheAllowedAlgorithms()
    {
        var metadata = _h.Server.GetMetadata(new OAuth2.Handlers.MetadataEndpoints { Issuer = new Uri(Harness.Issuer), Token = new Uri(DpopProofs.TokenUrl) });

        Assert.Equal(["ES256", "ES384", "PS256", "RS256"], (string[])metadata["dpop_signing_alg_values_supported"]!);
    }
}
