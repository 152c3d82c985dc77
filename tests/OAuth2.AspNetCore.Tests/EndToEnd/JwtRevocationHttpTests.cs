using System.Net;
using System.Net.Http.Headers;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>
/// The sample with JWT access tokens, and the bearer scheme's revocation check (<c>OAuth2:Jwt:CheckRevocation</c>):
/// on (the default), a JWT whose family was revoked by refresh-token reuse, or that was revoked at <c>/revoke</c>, is
/// refused at once; off, it is accepted until it expires (the documented trade-off of stateless validation).
/// </summary>
public sealed class JwtRevocationHttpTests
{
    private static readonly AuthenticationHeaderValue ClientAuth = OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);

    /// <summary>(the configured value, or null for none; whether a revoked JWT is refused).</summary>
    public static TheoryData<string?, bool> Settings => new()
    {
        { null, true },
        { "true", true },
        { "false", false },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task A_jwt_of_a_family_revoked_by_refresh_reuse(string? checkRevocation, bool refused)
    {
        await using var sample = await StartAsync(checkRevocation);
        using var client = new HttpClient { BaseAddress = sample.BaseAddress };

        var (_, first) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "password"), new("username", Username), new("password", Password), new("scope", "read")], ClientAuth);
        var access = first.GetProperty("access_token").GetString()!;
        var refresh = first.GetProperty("refresh_token").GetString()!;
        Assert.Equal(3, access.Split('.').Length);
        Assert.Equal(HttpStatusCode.OK, await StatusOfMeAsync(client, access));

        var (rotated, second) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", refresh)], ClientAuth);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var rotatedAccess = second.GetProperty("access_token").GetString()!;
        var (reused, reusedJson) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", refresh)], ClientAuth);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal("invalid_grant", reusedJson.GetProperty("error").GetString());

        await AssertMeAsync(client, access, refused);
        await AssertMeAsync(client, rotatedAccess, refused);
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task A_jwt_revoked_at_the_revocation_endpoint(string? checkRevocation, bool refused)
    {
        await using var sample = await StartAsync(checkRevocation);
        using var client = new HttpClient { BaseAddress = sample.BaseAddress };

        var (_, issued) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "client_credentials"), new("scope", "read")], ClientAuth);
        var access = issued.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await StatusOfMeAsync(client, access));

        using var revoke = new HttpRequestMessage(HttpMethod.Post, "revoke")
        {
            Content = new FormUrlEncodedContent([new("token", access), new("token_type_hint", "access_token")]),
        };
        revoke.Headers.Authorization = ClientAuth;
        using var revoked = await client.SendAsync(revoke, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        await AssertMeAsync(client, access, refused);
    }

    private static Task<RunningSample> StartAsync(string? checkRevocation)
    {
        List<string> args = ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:Jwt:Enabled=true", "--OAuth2:SecretHashIterations=1000"];
        if (checkRevocation is not null)
        {
            args.Add("--OAuth2:Jwt:CheckRevocation=" + checkRevocation);
        }

        return RunningSample.StartAsync([.. args], TestContext.Current.CancellationToken);
    }

    private static async Task<HttpStatusCode> StatusOfMeAsync(HttpClient client, string access)
    {
        using var response = await OAuthHttp.GetWithTokenAsync(client, "api/me", access);
        return response.StatusCode;
    }

    private static async Task AssertMeAsync(HttpClient client, string access, bool refused)
    {
        using var response = await OAuthHttp.GetWithTokenAsync(client, "api/me", access);
        if (!refused)
        {
            // Check off: the signature and expiry still hold, so the token works until it expires.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("invalid_token", (await OAuthHttp.ReadJsonAsync(response)).GetProperty("error").GetString());
    }
}
