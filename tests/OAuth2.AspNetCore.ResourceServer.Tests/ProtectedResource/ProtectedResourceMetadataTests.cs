using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.ResourceServer.ProtectedResource;
using OAuth2.AspNetCore.ResourceServer.Tests.Support;

namespace OAuth2.AspNetCore.ResourceServer.Tests.ProtectedResource;

/// <summary>RFC 9728: the metadata document, its path-inserted address, and the challenges that point at it.</summary>
public sealed class ProtectedResourceMetadataTests
{
    private static Task<ProtectedApi> StartAsync(string resource, Action<OAuth2ProtectedResourceOptions>? more = null)
        => ProtectedApi.StartAsync(
            o =>
            {
                o.IntrospectionEndpoint = new Uri("http://127.0.0.1:9/introspect");
                o.ClientId = "api";
                o.ClientSecret = "secret";
            },
            o =>
            {
                o.Resource = resource;
                o.AuthorizationServers.Add("https://as.example.com");
                o.ScopesSupported.Add("read");
                more?.Invoke(o);
            });

    [Fact]
    public async Task The_document_describes_the_resource()
    {
        await using var api = await StartAsync("https://api.example.com", o => o.ResourceDocumentation = "https://api.example.com/docs");

        using var response = await api.Client.GetAsync("/.well-known/oauth-protected-resource", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("https://api.example.com", document.GetProperty("resource").GetString());
        Assert.Equal(["https://as.example.com"], document.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["read"], document.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["header"], document.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("https://api.example.com/docs", document.GetProperty("resource_documentation").GetString());
    }

    [Fact]
    public async Task A_resource_with_a_path_is_served_at_the_path_inserted_address()
    {
        await using var api = await StartAsync("https://api.example.com/v1/");

        using var inserted = await api.Client.GetAsync("/.well-known/oauth-protected-resource/v1", TestContext.Current.CancellationToken);
        using var bare = await api.Client.GetAsync("/.well-known/oauth-protected-resource", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, inserted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
        var options = api.Services.GetRequiredService<IOptions<OAuth2ProtectedResourceOptions>>().Value;
        Assert.Equal("https://api.example.com/.well-known/oauth-protected-resource/v1", options.MetadataAddress);
    }

    [Fact]
    public async Task Every_challenge_points_at_the_document()
    {
        await using var api = await StartAsync("https://api.example.com/v1");

        using var noToken = await api.GetAsync("/me", token: null);
        using var badToken = await api.GetAsync("/me", "x");

        const string parameter = "resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/v1\"";
        Assert.Equal("Bearer " + parameter, noToken.Headers.WwwAuthenticate.ToString());
        Assert.EndsWith(", " + parameter, badToken.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://api.example.com")]
    [InlineData("https://api.example.com/?a=b")]
    [InlineData("https://api.example.com/#f")]
    [InlineData("api.example.com")]
    public async Task A_bad_resource_identifier_stops_start_up(string resource)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddOAuth2ProtectedResource(o =>
        {
            o.Resource = resource;
            o.AuthorizationServers.Add("https://as.example.com");
        });
        await using var app = builder.Build();

        await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Mapping_without_a_description_fails_at_once()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        Assert.Throws<InvalidOperationException>(() => app.MapOAuth2ProtectedResourceMetadata());
    }
}
