using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Dpop;

/// <summary>RFC 9449 section 7: a protected resource accepting DPoP-bound tokens, and its challenges.</summary>
public sealed class DpopResourceTests
{
    private const string Token = "bound-token-1";
    private readonly Harness _h = DpopProofs.Harness();
    private readonly DpopProofs _client = DpopProofs.Es256();

    public DpopResourceTests() => _h.AddAccessToken(Token, _h.NewAccessToken() with { JwkThumbprint = _client.Thumbprint });

    private Task<OAuth2Result<AccessToken>> CallAsync(string authorization, params string[] proofs)
        => _h.AuthenticateAsync(DpopProofs.ResourceRequest(authorization, proofs: proofs));

    private static string Challenge(OAuth2Result<AccessToken> result, string errorId)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(401, result.Response.StatusCode);
        Assert.Equal(errorId, result.Error!.ErrorId);
        return result.Response.Headers["WWW-Authenticate"];
    }

    [Fact]
    public async Task Section7_1_TheDpopSchemeWithAProofOfTheBoundKeyIsAccepted()
    {
        var result = await CallAsync("DPoP " + Token, _client.Proof("GET", DpopProofs.ResourceUrl, accessToken: Token));

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(_client.Thumbprint, result.Value.JwkThumbprint);
    }

    [Fact]
    public async Task Section7_1_TheDpopSchemeWithoutAProofIsChallengedInTheDpopScheme()
    {
        var challenge = Challenge(await CallAsync("DPoP " + Token), ErrorIds.DpopProofRequired);

        Assert.StartsWith("DPoP realm=\"Service\", algs=\"ES256 ES384 PS256 RS256\"", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_dpop_proof\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section4_3_Rule10_AthMustHashThePresentedToken()
    {
        var challenge = Challenge(await CallAsync("DPoP " + Token, _client.Proof("GET", DpopProofs.ResourceUrl, accessToken: "another-token")), ErrorIds.DpopProofTokenMismatch);

        Assert.Contains("error=\"invalid_dpop_proof\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section4_3_Rule10_AProofWithoutAthIsRefused()
        => Challenge(await CallAsync("DPoP " + Token, _client.Proof("GET", DpopProofs.ResourceUrl)), ErrorIds.DpopProofMalformed);

    [Fact]
    public async Task Section7_1_AProofOfAnotherKeyIsRefused()
        => Challenge(await CallAsync("DPoP " + Token, DpopProofs.Es256().Proof("GET", DpopProofs.ResourceUrl, accessToken: Token)), ErrorIds.DpopProofTokenMismatch);

    [Fact]
    public async Task Section7_1_HtuMustNameTheResource()
        => Challenge(await CallAsync("DPoP " + Token, _client.Proof("GET", DpopProofs.TokenUrl, accessToken: Token)), ErrorIds.DpopProofRequestMismatch);

    [Fact]
    public async Task Section7_2_ABoundTokenPresentedAsBearerIsRefused()
    {
        var challenge = Challenge(await CallAsync("Bearer " + Token), ErrorIds.DpopBoundTokenAsBearer);

        Assert.StartsWith("Bearer realm=\"Service\", error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("DPoP algs=", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section7_1_AnUnboundTokenPresentedWithTheDpopSchemeIsRefused()
    {
        _h.AddAccessToken("plain", _h.NewAccessToken());

        var challenge = Challenge(await CallAsync("DPoP plain", _client.Proof("GET", DpopProofs.ResourceUrl, accessToken: "plain")), ErrorIds.DpopProofTokenMismatch);

        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section9_AReplayedProofAtTheResourceIsRefused()
    {
        var proof = _client.Proof("GET", DpopProofs.ResourceUrl, accessToken: Token);
        Assert.True((await CallAsync("DPoP " + Token, proof)).Succeeded);

        Challenge(await CallAsync("DPoP " + Token, proof), ErrorIds.DpopProofReplayed);
    }

    [Fact]
    public async Task Section8_WithNoncesRequiredTheResourceAnswersUseDpopNonceWithANonce()
    {
        _h.Options.Dpop.RequireNonce = true;

        var result = await CallAsync("DPoP " + Token, _client.Proof("GET", DpopProofs.ResourceUrl, accessToken: Token));
        var challenge = Challenge(result, ErrorIds.DpopNonceRequired);
        var nonce = result.Response.Headers["DPoP-Nonce"];
        var retry = await CallAsync("DPoP " + Token, _client.Proof("GET", DpopProofs.ResourceUrl, accessToken: Token, nonce: nonce));

        Assert.StartsWith("DPoP ", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"use_dpop_nonce\"", challenge, StringComparison.Ordinal);
        Assert.True(retry.Succeeded, retry.Error?.Description);
    }

    [Fact]
    public async Task Section6_1_AJwtAccessTokenCarriesCnfJktAndIsAcceptedWithItsKey()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        _h.Options.JwtAccessTokens = new OAuth2.Jwt.JwtAccessTokenOptions
        {
            SigningKey = OAuth2.Jwt.JwtSigningKey.FromEcdsa(key, "k1"),
            Issuer = Harness.Issuer,
            Audience = "api",
            CheckRevocation = false,
        };
        var issued = await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof()));
        var jwt = (string)issued.Response.Body!["access_token"]!;
        var payload = System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.Split('.')[1]));

        var result = await CallAsync("DPoP " + jwt, _client.Proof("GET", DpopProofs.ResourceUrl, accessToken: jwt));

        Assert.Equal(_client.Thumbprint, payload.RootElement.GetProperty("cnf").GetProperty("jkt").GetString());
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(ErrorIds.DpopBoundTokenAsBearer, (await CallAsync("Bearer " + jwt)).Error!.ErrorId);
    }

    [Fact]
    public async Task WithDpopDisabledTheDpopSchemeIsJustAnotherScheme()
    {
        _h.Options.Dpop.Enabled = false;

        var result = await CallAsync("DPoP " + Token, _client.Proof("GET", DpopProofs.ResourceUrl, accessToken: Token));

        Assert.Equal(401, result.Response.StatusCode);
        Assert.Equal("Bearer realm=\"Service\"", result.Response.Headers["WWW-Authenticate"]);
        Assert.Equal("unauthorized_request", result.Error!.Error);
    }
}
