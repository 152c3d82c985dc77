using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Http;
using OAuth2.Jwt;
using OAuth2.Tokens;
using static OAuth2.Core.Tests.Endpoints.EndpointTestKit;

namespace OAuth2.Core.Tests.Endpoints;

public sealed class JwtAccessTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JwtAccessTokenOptions Es256(bool checkRevocation = false) => new()
    {
        SigningKey = JwtSigningKey.FromEcdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256), "k1"),
        Issuer = "https://as.example.com",
        Audience = "https://api.example.com",
        CheckRevocation = checkRevocation,
    };

    private static (OAuth2Server Server, IRevocableFullModel Model) NewJwtServer(JwtAccessTokenOptions jwt)
    {
        var model = NewModel();
        model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>()).Returns(ci => ci.Arg<Token>());
        model.GetUserFromClientAsync(Arg.Any<Clients.OAuth2Client>(), Arg.Any<CancellationToken>()).Returns(new OAuth2User("svc"));
        return (NewServer(model, new OAuth2ServerOptions { JwtAccessTokens = jwt }), model);
    }

    private static async Task<string> IssueAsync(OAuth2Server server)
    {
        var result = await server.TokenAsync(Post("grant_type=client_credentials&scope=read"), Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
        return result.Value.AccessToken;
    }

    private static OAuth2Request Bearer(string token) => new()
    {
        Method = "GET",
        Headers = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "Bearer " + token)], ignoreCase: true),
    };

    private static JsonElement Part(string jwt, int index) => JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[index])).RootElement.Clone();

    [Fact]
    public async Task Issued_token_is_an_RFC_9068_jwt()
    {
        var (server, _) = NewJwtServer(Es256());
        var jwt = await IssueAsync(server);

        var header = Part(jwt, 0);
        var claims = Part(jwt, 1);
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("at+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("k1", header.GetProperty("kid").GetString());
        Assert.Equal("https://as.example.com", claims.GetProperty("iss").GetString());
        Assert.Equal("https://api.example.com", claims.GetProperty("aud").GetString());
        Assert.Equal("svc", claims.GetProperty("sub").GetString());
        Assert.Equal("c1", claims.GetProperty("client_id").GetString());
        Assert.Equal("read", claims.GetProperty("scope").GetString());
        Assert.Equal(Now.AddHours(1).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(43, claims.GetProperty("jti").GetString()!.Length);
    }

    [Fact]
    public async Task Authenticate_validates_a_jwt_without_reading_the_store()
    {
        var (server, model) = NewJwtServer(Es256());
        var jwt = await IssueAsync(server);

        var result = await server.AuthenticateAsync(Bearer(jwt), ["read"], Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("c1", result.Value.ClientId);
        Assert.Equal("svc", result.Value.User.Id);
        await model.DidNotReceiveWithAnyArgs().GetAccessTokenAsync(default!, Ct);
    }

    [Fact]
    public async Task With_revocation_checking_a_revoked_jwt_is_refused()
    {
        var (server, model) = NewJwtServer(Es256(checkRevocation: true));
        var jwt = await IssueAsync(server);

        var result = await server.AuthenticateAsync(Bearer(jwt), null, Ct);
        Assert.Equal("invalid_token", result.Error?.Error);
        await model.Received(1).GetAccessTokenAsync(jwt, Arg.Any<CancellationToken>());
    }

    public static TheoryData<string> Tamperings => ["payload", "signature", "alg-none", "typ", "audience", "issuer"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Tampered_or_foreign_tokens_are_invalid_token(string tampering)
    {
        var options = Es256();
        var (server, _) = NewJwtServer(options);
        var jwt = await IssueAsync(server);
        var parts = jwt.Split('.');
        string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
        string Resign(string header, string payload)
        {
            var input = header + "." + payload;
            var signature = options.SigningKey!.Sign(Encoding.ASCII.GetBytes(input));
            return input + "." + Base64Url.EncodeToString(signature);
        }

        var claims = JsonSerializer.Deserialize<Dictionary<string, object>>(Part(jwt, 1).GetRawText())!;
        var forged = tampering switch
        {
            "payload" => parts[0] + "." + Encode(new Dictionary<string, object>(claims) { ["scope"] = "read admin" }) + "." + parts[2],
            "signature" => parts[0] + "." + parts[1] + "." + parts[2][..^4] + (parts[2].EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"),
            "alg-none" => Encode(new { alg = "none", typ = "at+jwt" }) + "." + parts[1] + ".",
            "typ" => Resign(Encode(new { alg = "ES256", typ = "JWT", kid = "k1" }), parts[1]),
            "audience" => Resign(parts[0], Encode(new Dictionary<string, object>(claims) { ["aud"] = "https://other.example.com" })),
            _ => Resign(parts[0], Encode(new Dictionary<string, object>(claims) { ["iss"] = "https://evil.example.com" })),
        };

        var result = await server.AuthenticateAsync(Bearer(forged), null, Ct);
        Assert.False(result.Succeeded);
        Assert.Equal("invalid_token", result.Error.Error);
        Assert.Equal(401, result.Response.StatusCode);
    }

    [Fact]
    public async Task Expired_jwt_is_invalid_token()
    {
        var options = Es256();
        var model = NewModel();
        model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>()).Returns(ci => ci.Arg<Token>());
        model.GetUserFromClientAsync(Arg.Any<Clients.OAuth2Client>(), Arg.Any<CancellationToken>()).Returns(new OAuth2User("svc"));
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var server = new OAuth2Server(model, new OAuth2ServerOptions { JwtAccessTokens = options }, time);
        var jwt = (await server.TokenAsync(Post("grant_type=client_credentials"), Ct)).Value!.AccessToken;

        time.Advance(TimeSpan.FromHours(1));
        var result = await server.AuthenticateAsync(Bearer(jwt), null, Ct);
        Assert.Equal("invalid_token", result.Error?.Error);
        Assert.Contains("expired", result.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Jwks_publishes_the_public_key_only()
    {
        var (ec, _) = NewJwtServer(Es256());
        var jwks = JsonSerializer.SerializeToElement(ec.GetJsonWebKeySet());
        var key = jwks.GetProperty("keys")[0];
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal("k1", key.GetProperty("kid").GetString());
        Assert.False(key.TryGetProperty("d", out _));

        var rsa = NewServer(NewModel(), new OAuth2ServerOptions
        {
            JwtAccessTokens = new() { SigningKey = JwtSigningKey.FromRsa(RSA.Create(2048), "r1"), Issuer = "i", Audience = "a" },
        });
        var rsaKey = JsonSerializer.SerializeToElement(rsa.GetJsonWebKeySet()).GetProperty("keys")[0];
        Assert.Equal("RSA", rsaKey.GetProperty("kty").GetString());
        Assert.Equal("AQAB", rsaKey.GetProperty("e").GetString());
        Assert.Null(NewServer(NewModel()).GetJsonWebKeySet());
    }

    [Fact]
    public async Task Rs256_tokens_round_trip()
    {
        var (server, _) = NewJwtServer(new JwtAccessTokenOptions
        {
            SigningKey = JwtSigningKey.FromRsa(RSA.Create(2048), "r1"),
            Issuer = "https://as.example.com",
            Audience = "https://api.example.com",
            CheckRevocation = false, // the signature alone: the substitute store does not hold the token
        });
        var jwt = await IssueAsync(server);
        Assert.Equal("RS256", Part(jwt, 0).GetProperty("alg").GetString());
        Assert.True((await server.AuthenticateAsync(Bearer(jwt), null, Ct)).Succeeded);
    }
}
