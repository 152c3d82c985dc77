using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace OAuth2.AspNetCore.ResourceServer.Tests.SeparateProcesses;

/// <summary>What both ways of checking tokens in another process must do (issue #17): 200, 401, 403, RFC 9728.</summary>
public abstract class SeparateProcessTests<TDeployment>(TDeployment deployment) : IClassFixture<TDeployment>
    where TDeployment : Deployment
{
    protected abstract string Mode { get; }

    protected TDeployment Deployment { get; } = deployment;

    [Fact]
    public async Task A_valid_token_from_the_server_is_accepted_by_the_api()
    {
        var token = await Deployment.GetTokenAsync("read");

        using var response = await Deployment.CallAsync(Deployment.Api, "api/me", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("demo-client", me.GetProperty("sub").GetString());
        Assert.Equal("demo-client", me.GetProperty("client_id").GetString());
        Assert.Equal("read", me.GetProperty("scope").GetString());
        Assert.Equal(Mode, me.GetProperty("checked_by").GetString());
    }

    [Fact]
    public async Task A_token_without_the_scope_is_forbidden_with_insufficient_scope()
    {
        var token = await Deployment.GetTokenAsync("read");

        using var response = await Deployment.CallAsync(Deployment.Api, "api/admin", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = await Deployment.GetTokenAsync("read");

        using var response = await Deployment.CallAsync(Deployment.OtherAudienceApi, "api/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var token = await Deployment.GetTokenAsync("read");
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        using var response = await Deployment.CallAsync(Deployment.Api, "api/me", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_challenge_points_at_the_protected_resource_metadata()
    {
        using var response = await Deployment.CallAsync(Deployment.Api, "api/me", token: null);
        var expected = new Uri(Deployment.Api.BaseAddress, ".well-known/oauth-protected-resource").AbsoluteUri;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains($"resource_metadata=\"{expected}\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var metadata = await Deployment.Http.GetAsync(expected, TestContext.Current.CancellationToken);
        var document = JsonDocument.Parse(await metadata.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(Deployment.Api.BaseAddress.AbsoluteUri.TrimEnd('/'), document.GetProperty("resource").GetString());
        Assert.Equal(Deployment.Server.BaseAddress.AbsoluteUri.TrimEnd('/'), document.GetProperty("authorization_servers")[0].GetString());
    }
}

public sealed class IntrospectionProcessTests(IntrospectionDeployment deployment) : SeparateProcessTests<IntrospectionDeployment>(deployment)
{
    protected override string Mode => "introspection";

    [Fact]
    public async Task A_revoked_token_is_refused_once_the_cached_answer_lapses()
    {
        var token = await Deployment.GetTokenAsync("read");
        var cached = Stopwatch.StartNew();
        using (var first = await Deployment.CallAsync(Deployment.Api, "api/me", token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await Deployment.RevokeAsync(token);
        using (var stillCached = await Deployment.CallAsync(Deployment.Api, "api/me", token))
        {
            // The answer is kept for CacheDuration: the API has not asked again (unless this machine was too slow to tell).
            if (cached.Elapsed < IntrospectionDeployment.CacheDuration / 2)
            {
                Assert.Equal(HttpStatusCode.OK, stillCached.StatusCode);
            }
        }

        var status = HttpStatusCode.OK;
        while (status == HttpStatusCode.OK && cached.Elapsed < IntrospectionDeployment.CacheDuration + TimeSpan.FromSeconds(10))
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            using var response = await Deployment.CallAsync(Deployment.Api, "api/me", token);
            status = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(cached.Elapsed >= IntrospectionDeployment.CacheDuration, $"refused after {cached.Elapsed}, before the cache lifetime");
    }
}

public sealed class JwtProcessTests(JwtDeployment deployment) : SeparateProcessTests<JwtDeployment>(deployment)
{
    protected override string Mode => "jwt";
}
