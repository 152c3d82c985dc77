using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Dpop;

/// <summary>RFC 9449 section 5 (refresh tokens of public clients bound to the key) and section 8 (server nonces).</summary>
public sealed class DpopRefreshAndNonceTests
{
    private const string RefreshBody = "grant_type=refresh_token&refresh_token=rt1&client_id=pub1";
    private readonly Harness _h = DpopProofs.Harness();
    private readonly DpopProofs _client = DpopProofs.Es256();

    private Task<OAuth2Result<Token>> RefreshAsync(params string[] proofs)
        => _h.TokenAsync(DpopProofs.TokenRequest(RefreshBody, clientId: null, proofs: proofs));

    [Fact]
    public async Task Section5_APublicClientsRefreshTokenIsBoundToTheKey()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken("pub1"));

        var result = await RefreshAsync(_client.Proof());

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(_client.Thumbprint, result.Value.JwkThumbprint);
        Assert.Equal(_client.Thumbprint, result.Value.RefreshTokenJwkThumbprint);
    }

    [Fact]
    public async Task Section5_AConfidentialClientsRefreshTokenIsNotBound()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken("c1"));

        var result = await _h.TokenAsync(DpopProofs.TokenRequest("grant_type=refresh_token&refresh_token=rt1", proofs: _client.Proof()));

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(_client.Thumbprint, result.Value.JwkThumbprint);
        Assert.Null(result.Value.RefreshTokenJwkThumbprint);
    }

    [Fact]
    public async Task Section5_ABoundRefreshTokenWithoutAProofIsRefusedAndNotRotated()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken("pub1") with { JwkThumbprint = _client.Thumbprint });

        var result = await RefreshAsync();

        Assert.Equal(InvalidDpopProofException.Code, result.Response.Body!["error"]);
        Assert.Equal(ErrorIds.DpopProofRequired, result.Error!.ErrorId);
        await _h.Model.DidNotReceiveWithAnyArgs().RevokeRefreshTokenAsync(default!, default, default);
    }

    [Fact]
    public async Task Section5_ABoundRefreshTokenWithAnotherKeysProofIsRefused()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken("pub1") with { JwkThumbprint = _client.Thumbprint });

        var result = await RefreshAsync(DpopProofs.Es256().Proof());

        Assert.Equal(ErrorIds.DpopProofTokenMismatch, result.Error!.ErrorId);
        await _h.Model.DidNotReceiveWithAnyArgs().RevokeRefreshTokenAsync(default!, default, default);
    }

    [Fact]
    public async Task Section5_ABoundRefreshTokenWithTheSameKeyRotatesToABoundOne()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken("pub1") with { JwkThumbprint = _client.Thumbprint });

        var result = await RefreshAsync(_client.Proof());

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(_client.Thumbprint, result.Value.RefreshTokenJwkThumbprint);
    }

    [Fact]
    public async Task Section8_WithNoncesRequiredAProofWithoutOneGetsUseDpopNonceAndANonce()
    {
        _h.Options.Dpop.RequireNonce = true;

        var result = await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof()));

        Assert.Equal(400, result.Response.StatusCode);
        Assert.Equal(UseDpopNonceException.Code, result.Response.Body!["error"]);
        Assert.Equal(ErrorIds.DpopNonceRequired, result.Error!.ErrorId);
        Assert.False(string.IsNullOrEmpty(result.Response.Headers["DPoP-Nonce"]));
    }

    [Fact]
    public async Task Section8_TheRetryWithTheGivenNonceSucceedsAndGetsTheNextNonce()
    {
        _h.Options.Dpop.RequireNonce = true;
        var first = await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof()));
        var nonce = first.Response.Headers["DPoP-Nonce"];

        var retry = await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(nonce: nonce)));

        Assert.True(retry.Succeeded, retry.Error?.Description);
        Assert.Equal("DPoP", retry.Response.Body!["token_type"]);
        Assert.True(retry.Response.Headers.ContainsKey("DPoP-Nonce"));
    }

    [Fact]
    public async Task Section8_ANonceTwoLifetimesOldIsRefused()
    {
        _h.Options.Dpop.RequireNonce = true;
        var nonce = (await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof()))).Response.Headers["DPoP-Nonce"];
        _h.Time.Advance(TimeSpan.FromMinutes(10));

        var retry = await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(nonce: nonce, issuedAt: _h.Time.GetUtcNow())));

        Assert.Equal(ErrorIds.DpopNonceRequired, retry.Error!.ErrorId);
    }

    [Fact]
    public async Task Section8_ANonceFromAnotherKeyIsRefusedAndFromTheSameSharedKeyAccepted()
    {
        var shared = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray());
        var issuing = DpopProofs.Harness();
        issuing.Options.Dpop.RequireNonce = true;
        issuing.Options.Dpop.NonceKey = shared;
        var nonce = (await issuing.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof()))).Response.Headers["DPoP-Nonce"];

        _h.Options.Dpop.RequireNonce = true;
        var otherKey = await _h.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(nonce: nonce)));
        var sameKey = DpopProofs.Harness();
        sameKey.Options.Dpop.RequireNonce = true;
        sameKey.Options.Dpop.NonceKey = shared;
        var accepted = await sameKey.TokenAsync(DpopProofs.TokenRequest(proofs: _client.Proof(nonce: nonce)));

        Assert.Equal(ErrorIds.DpopNonceRequired, otherKey.Error!.ErrorId);
        Assert.True(accepted.Succeeded, accepted.Error?.Description);
    }

    [Fact]
    public void Section8_AShortNonceKeyIsAConfigurationError()
    {
        _h.Options.Dpop.NonceKey = Convert.ToBase64String(new byte[16]);

        Assert.Throws<InvalidArgumentException>(() => _h.Server);
    }
}
