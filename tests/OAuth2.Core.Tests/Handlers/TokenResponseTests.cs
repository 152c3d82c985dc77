using System.Text.Json;
using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Handlers;

/// <summary>RFC 6749 section 5.1: the success response.</summary>
public sealed class TokenResponseTests
{
    private readonly Harness _h = new();

    [Fact]
    public async Task Success_has_exactly_the_rfc_members_and_headers()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&scope=read%20write");
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(200, result.Response.StatusCode);
        Expect.NoStore(result.Response);
        Assert.Equal("application/json; charset=utf-8", result.Response.Headers["Content-Type"]);
        using var json = JsonDocument.Parse(result.Response.GetJsonBody());
        var root = json.RootElement;
        Assert.Equal(result.Value.AccessToken, root.GetProperty("access_token").GetString());
        Assert.Equal("Bearer", root.GetProperty("token_type").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("expires_in").ValueKind);
        Assert.Equal(3600, root.GetProperty("expires_in").GetInt64());
        Assert.Equal("read write", root.GetProperty("scope").GetString());
        Assert.Equal(4, root.EnumerateObject().Count());
    }

    [Fact]
    public async Task Scope_is_omitted_when_nothing_was_granted()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials");
        Assert.True(result.Succeeded);
        Assert.False(result.Response.Body!.ContainsKey("scope"));
    }

    [Fact]
    public async Task Client_access_token_lifetime_wins_over_the_option()
    {
        _h.AddClient(TestClients.Confidential with { AccessTokenLifetime = TimeSpan.FromSeconds(120) });
        var result = await _h.TokenAsync("grant_type=client_credentials");
        Assert.Equal(120L, result.Response.Body!["expires_in"]);
        Assert.Equal(Harness.Start.AddSeconds(120), result.Value!.AccessTokenExpiresAt);
    }

    [Fact]
    public async Task Option_access_token_lifetime_is_used_by_default()
    {
        _h.Options.AccessTokenLifetime = TimeSpan.FromMinutes(10);
        var result = await _h.TokenAsync("grant_type=client_credentials");
        Assert.Equal(600L, result.Response.Body!["expires_in"]);
    }

    [Fact]
    public async Task Extended_attributes_are_not_sent_by_default()
    {
        _h.Model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>())
            .Returns(ci => ci.ArgAt<Token>(0) with { ExtendedAttributes = new Dictionary<string, string> { ["id_token"] = "x" } });
        var result = await _h.TokenAsync("grant_type=client_credentials");
        Assert.False(result.Response.Body!.ContainsKey("id_token"));
    }

    [Fact]
    public async Task Extended_attributes_are_sent_when_allowed_but_never_override_reserved_members()
    {
        _h.Options.AllowExtendedTokenAttributes = true;
        _h.Model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>())
            .Returns(ci => ci.ArgAt<Token>(0) with
            {
                ExtendedAttributes = new Dictionary<string, string>
                {
                    ["id_token"] = "x",
                    ["access_token"] = "forged",
                    ["token_type"] = "mac",
                    ["error"] = "oops",
                },
            });
        var result = await _h.TokenAsync("grant_type=client_credentials");
        var body = result.Response.Body!;
        Assert.Equal("x", body["id_token"]);
        Assert.NotEqual("forged", body["access_token"]);
        Assert.Equal("Bearer", body["token_type"]);
        Assert.False(body.ContainsKey("error"));
    }

    [Fact]
    public async Task The_response_uses_the_token_save_token_returned()
    {
        _h.Model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>())
            .Returns(ci => ci.ArgAt<Token>(0) with { AccessToken = "from-the-model" });
        var result = await _h.TokenAsync("grant_type=client_credentials");
        Assert.Equal("from-the-model", result.Response.Body!["access_token"]);
        Assert.Equal("from-the-model", result.Value!.AccessToken);
    }

    [Fact]
    public async Task Default_generated_tokens_are_b64tokens_of_43_characters()
    {
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw");
        Assert.Matches("^[A-Za-z0-9_-]{43}$", result.Value!.AccessToken);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", result.Value.RefreshToken!);
        Assert.NotEqual(result.Value.AccessToken, result.Value.RefreshToken);
    }

    [Fact]
    public async Task A_model_generator_supplies_token_values()
    {
        var h = Harness.For<IGeneratingModel>();
        var generator = (IGeneratingModel)h.Model;
        generator.GenerateAccessTokenAsync(default!, default!, default!, default).ReturnsForAnyArgs("at-from-model");
        generator.GenerateRefreshTokenAsync(default!, default!, default!, default).ReturnsForAnyArgs("rt-from-model");
        var result = await h.TokenAsync("grant_type=password&username=alice&password=pw");
        Assert.Equal("at-from-model", result.Value!.AccessToken);
        Assert.Equal("rt-from-model", result.Value.RefreshToken);
    }

    [Fact]
    public async Task A_generator_returning_null_falls_back_to_the_default()
    {
        var h = Harness.For<IGeneratingModel>();
        var result = await h.TokenAsync("grant_type=password&username=alice&password=pw");
        Assert.Matches("^[A-Za-z0-9_-]{43}$", result.Value!.AccessToken);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", result.Value.RefreshToken!);
    }

    [Fact]
    public async Task Refresh_token_expiry_uses_the_client_lifetime_first()
    {
        _h.AddClient(TestClients.Confidential with { RefreshTokenLifetime = TimeSpan.FromHours(2) });
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw");
        Assert.Equal(Harness.Start.AddHours(2), result.Value!.RefreshTokenExpiresAt);
    }

    [Fact]
    public async Task Refresh_token_expiry_uses_the_option_otherwise()
    {
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw");
        Assert.Equal(Harness.Start.AddSeconds(1209600), result.Value!.RefreshTokenExpiresAt);
    }
}
