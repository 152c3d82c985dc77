using OAuth2.Core.Tests.PushedAuthorization;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Dpop;

/// <summary>
/// RFC 9449 section 10 (<c>dpop_jkt</c> binds the authorization code to a DPoP key) and section 10.1 (a proof sent
/// with a pushed authorization request binds it too), through the in-memory store from authorization to token.
/// </summary>
public sealed class DpopCodeBindingTests
{
    private const string ParUrl = "https://as.example.com/par";

    private readonly DpopProofs _client = DpopProofs.Es256();
    private readonly ParKit _kit = new(o => o.Dpop.ReplayCache = new InMemoryReplayCache());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string CodeBody(string code) =>
        $"grant_type=authorization_code&code={Uri.EscapeDataString(code)}&redirect_uri={Uri.EscapeDataString(TestClients.RedirectUri)}&code_verifier={ParKit.Verifier}";

    private async Task<string> CodeAsync(string extra = "")
    {
        var issued = await _kit.ApproveAsync(ParKit.Request(extra: extra));
        Assert.True(issued.Succeeded, issued.Error?.Description);
        return issued.Value!.Code;
    }

    private Task<OAuth2Result<Token>> TokenAsync(string code, params string[] proofs)
        => _kit.Server.TokenAsync(DpopProofs.TokenRequest(CodeBody(code), proofs: proofs), Ct).AsTask();

    private static OAuth2Request PushRequest(string body, params string[] proofs)
    {
        var request = Requests.Token(body, ParKit.Basic);
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => (h.Key, v))).Concat(proofs.Select(p => ("DPoP", p))).ToArray();
        return request with { Headers = Requests.Headers(headers), Url = ParUrl };
    }

    private Task<OAuth2Result<OAuth2.Handlers.AuthorizationRequest>> PushAsync(string body, params string[] proofs)
        => _kit.Server.PushedAuthorizationAsync(PushRequest(body, proofs), Ct).AsTask();

    private async Task<AuthorizationCode> CodeByReferenceAsync(string requestUri)
    {
        var issued = await _kit.ApproveAsync(ParKit.ByReference(requestUri));
        Assert.True(issued.Succeeded, issued.Error?.Description);
        return issued.Value!.Data;
    }

    [Fact]
    public async Task Section10_DpopJktIsStoredWithTheCode()
    {
        var issued = await _kit.ApproveAsync(ParKit.Request(extra: "&dpop_jkt=" + _client.Thumbprint));

        Assert.True(issued.Succeeded, issued.Error?.Description);
        Assert.Equal(_client.Thumbprint, issued.Value!.Data.DpopJkt);
        var saved = await _kit.Store.FindAuthorizationCodeAsync(TokenDigest.Compute(issued.Value.Code), Ct);
        Assert.Equal(_client.Thumbprint, saved!.DpopJkt);
    }

    [Fact]
    public async Task Section10_TheValidatedRequestShowsTheKeyItWillBeBoundTo()
    {
        var validated = await _kit.ValidateAsync(ParKit.Request(extra: "&dpop_jkt=" + _client.Thumbprint));

        Assert.True(validated.Succeeded, validated.Error?.Description);
        Assert.Equal(_client.Thumbprint, validated.Value!.DpopJkt);
    }

    [Theory]
    [InlineData("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9X")] // 42 characters
    [InlineData("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9XsA")] // 44 characters
    [InlineData("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs=")] // padded
    [InlineData("NzbLsXh8uDCcd+6MNwXF4W/7noWXFZAfHkxZsRGC9Xs")] // base64, not base64url
    [InlineData("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xt")] // non-canonical: the last 2 bits set
    [InlineData("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRG C9X")] // a space
    [InlineData("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xé")] // not ASCII
    public async Task Section10_AMalformedDpopJktIsInvalidRequest(string dpopJkt)
    {
        var result = await _kit.ApproveAsync(ParKit.Request(extra: "&dpop_jkt=" + Uri.EscapeDataString(dpopJkt)));

        Expect.RedirectedError(result, "invalid_request", status: 303);
        Assert.Equal(ErrorIds.DpopJktMalformed, result.Error!.ErrorId);
    }

    [Fact]
    public async Task Section10_ARepeatedDpopJktIsInvalidRequest()
    {
        var result = await _kit.ApproveAsync(ParKit.Request(extra: $"&dpop_jkt={_client.Thumbprint}&dpop_jkt={_client.Thumbprint}"));

        Expect.RedirectedError(result, "invalid_request", status: 303);
    }

    [Fact]
    public async Task Section10_TheBoundKeysProofExchangesTheCodeForDpopBoundTokens()
    {
        var code = await CodeAsync("&dpop_jkt=" + _client.Thumbprint);

        var result = await TokenAsync(code, _client.Proof());

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("DPoP", result.Response.Body!["token_type"]);
        Assert.Equal(_client.Thumbprint, result.Value!.JwkThumbprint);
    }

    [Fact]
    public async Task Section10_ATokenRequestWithoutAProofIsInvalidGrantAndLeavesTheCodeUnused()
    {
        var code = await CodeAsync("&dpop_jkt=" + _client.Thumbprint);

        var refused = await TokenAsync(code);

        Expect.TokenError(refused, "invalid_grant");
        Assert.Equal(ErrorIds.DpopJktProofMissing, refused.Error!.ErrorId);
        Assert.True((await TokenAsync(code, _client.Proof())).Succeeded);
    }

    [Fact]
    public async Task Section10_AnotherKeysProofIsInvalidGrantAndLeavesTheCodeUnused()
    {
        var code = await CodeAsync("&dpop_jkt=" + _client.Thumbprint);

        var refused = await TokenAsync(code, DpopProofs.Es256().Proof());

        Expect.TokenError(refused, "invalid_grant");
        Assert.Equal(ErrorIds.DpopJktMismatch, refused.Error!.ErrorId);
        Assert.True((await TokenAsync(code, _client.Proof())).Succeeded);
    }

    [Fact]
    public async Task Section10_AnInvalidProofForTheBoundKeyIsStillRefusedAsAProof()
    {
        var code = await CodeAsync("&dpop_jkt=" + _client.Thumbprint);

        var refused = await TokenAsync(code, _client.Proof(url: ParUrl));

        Expect.TokenError(refused, InvalidDpopProofException.Code);
        Assert.Equal(ErrorIds.DpopProofRequestMismatch, refused.Error!.ErrorId);
    }

    [Fact]
    public async Task Section10_WithoutDpopJktTheCodeIsUnboundAndExchangesAsBefore()
    {
        var code = await CodeAsync();

        var bearer = await TokenAsync(code);

        Assert.True(bearer.Succeeded, bearer.Error?.Description);
        Assert.Equal("Bearer", bearer.Response.Body!["token_type"]);
        var bound = await TokenAsync(await CodeAsync(), _client.Proof());
        Assert.Equal(_client.Thumbprint, bound.Value!.JwkThumbprint);
    }

    [Fact]
    public async Task Section10_AServerWithoutDpopIgnoresDpopJktAsAnUnknownParameter()
    {
        var kit = new ParKit(o => o.Dpop.Enabled = false);

        var issued = await kit.ApproveAsync(ParKit.Request(extra: "&dpop_jkt=not-a-thumbprint"));

        Assert.True(issued.Succeeded, issued.Error?.Description);
        Assert.Null(issued.Value!.Data.DpopJkt);
    }

    [Fact]
    public async Task Section10_1_DpopJktInAPushedRequestBindsTheCode()
    {
        var pushed = await PushAsync(ParKit.Request(extra: "&dpop_jkt=" + _client.Thumbprint));
        Assert.True(pushed.Succeeded, pushed.Error?.Description);

        var code = await CodeByReferenceAsync((string)pushed.Response.Body!["request_uri"]!);

        Assert.Equal(_client.Thumbprint, code.DpopJkt);
    }

    [Fact]
    public async Task Section10_1_AProofSentWithThePushBindsTheCodeToItsKey()
    {
        var pushed = await PushAsync(ParKit.Request(), _client.Proof(url: ParUrl));
        Assert.True(pushed.Succeeded, pushed.Error?.Description);
        Assert.Equal(_client.Thumbprint, pushed.Value!.DpopJkt);

        var code = await CodeByReferenceAsync((string)pushed.Response.Body!["request_uri"]!);

        Assert.Equal(_client.Thumbprint, code.DpopJkt);
    }

    [Fact]
    public async Task Section10_1_DpopJktAndAProofOfTheSameKeyAreAccepted()
    {
        var pushed = await PushAsync(ParKit.Request(extra: "&dpop_jkt=" + _client.Thumbprint), _client.Proof(url: ParUrl));

        Assert.True(pushed.Succeeded, pushed.Error?.Description);
        Assert.Equal(_client.Thumbprint, pushed.Value!.DpopJkt);
    }

    [Fact]
    public async Task Section10_1_DpopJktAndAProofOfAnotherKeyAreRefused()
    {
        var pushed = await PushAsync(ParKit.Request(extra: "&dpop_jkt=" + _client.Thumbprint), DpopProofs.Es256().Proof(url: ParUrl));

        Expect.TokenError(pushed, "invalid_request");
        Assert.Equal(ErrorIds.DpopJktProofConflict, pushed.Error!.ErrorId);
    }

    [Fact]
    public async Task Section10_1_TheProofAtThePushIsCheckedAsAnyProof()
    {
        // Section 4.3: htu must name the PAR endpoint, not the token endpoint.
        var pushed = await PushAsync(ParKit.Request(), _client.Proof(url: DpopProofs.TokenUrl));

        Expect.TokenError(pushed, InvalidDpopProofException.Code);
        Assert.Equal(ErrorIds.DpopProofRequestMismatch, pushed.Error!.ErrorId);
    }

    [Fact]
    public async Task Section10_1_AMalformedDpopJktInAPushedRequestIsRefused()
    {
        var pushed = await PushAsync(ParKit.Request(extra: "&dpop_jkt=abc"));

        Expect.TokenError(pushed, "invalid_request");
        Assert.Equal(ErrorIds.DpopJktMalformed, pushed.Error!.ErrorId);
    }

    [Fact]
    public async Task Section10_1_APushBoundByItsProofIsExchangedOnlyWithThatKey()
    {
        var pushed = await PushAsync(ParKit.Request(), _client.Proof(url: ParUrl));
        var issued = await _kit.ApproveAsync(ParKit.ByReference((string)pushed.Response.Body!["request_uri"]!));
        var code = issued.Value!.Code;

        Expect.TokenError(await TokenAsync(code, DpopProofs.Es256().Proof()), "invalid_grant");
        var result = await TokenAsync(code, _client.Proof());

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(_client.Thumbprint, result.Value!.JwkThumbprint);
    }

    [Fact]
    public async Task Section10_1_WithNoncesAPushProofWithoutOneGetsUseDpopNonceAndTheRetryGetsTheNext()
    {
        var kit = new ParKit(o =>
        {
            o.Dpop.ReplayCache = new InMemoryReplayCache();
            o.Dpop.RequireNonce = true;
        });

        var first = await kit.Server.PushedAuthorizationAsync(PushRequest(ParKit.Request(), _client.Proof(url: ParUrl)), Ct);
        var nonce = first.Response.Headers["DPoP-Nonce"];
        var retry = await kit.Server.PushedAuthorizationAsync(PushRequest(ParKit.Request(), _client.Proof(url: ParUrl, nonce: nonce)), Ct);

        Expect.TokenError(first, "use_dpop_nonce");
        Assert.True(retry.Succeeded, retry.Error?.Description);
        Assert.Equal(_client.Thumbprint, retry.Value!.DpopJkt);
        Assert.True(retry.Response.Headers.ContainsKey("DPoP-Nonce"));
    }
}

