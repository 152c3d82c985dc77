using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.ResourceServer.Introspection;

namespace OAuth2.AspNetCore.ResourceServer.Tests.Introspection;

/// <summary>Bad options stop the host at start-up, with a message naming the setting and never the secret.</summary>
public sealed class IntrospectionOptionsTests
{
    public static TheoryData<string, Action<OAuth2IntrospectionOptions>> Broken => new()
    {
        { "Authority", o => { o.IntrospectionEndpoint = null; } },
        { "ClientSecret", o => o.ClientSecret = null },
        { "ClientId", o => o.ClientId = "" },
        { "IntrospectionEndpoint", o => o.IntrospectionEndpoint = new Uri("http://as.example.com/introspect") },
        { "Authority", o => o.Authority = "http://as.example.com" },
        { "CacheSizeLimit", o => o.CacheSizeLimit = 0 },
        { "CacheDuration", o => o.CacheDuration = TimeSpan.FromSeconds(-1) },
        { "Realm", o => o.Realm = "a\"b" },
        { "Audience", o => o.Audience = "" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task The_host_does_not_start_with_broken_options(string setting, Action<OAuth2IntrospectionOptions> breakIt)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddAuthentication().AddOAuth2Introspection(o =>
        {
            o.IntrospectionEndpoint = new Uri("https://as.example.com/introspect");
            o.ClientId = "api";
            o.ClientSecret = "very-secret-value";
            breakIt(o);
        });
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_options_start_and_loopback_http_is_allowed()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddAuthentication().AddOAuth2Introspection(o =>
        {
            o.Authority = "http://127.0.0.1:5000";
            o.ClientId = "api";
            o.ClientSecret = "secret";
        });
        await using var app = builder.Build();

        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("https://as.example.com", "https://as.example.com/.well-known/oauth-authorization-server")]
    [InlineData("https://as.example.com/", "https://as.example.com/.well-known/oauth-authorization-server")]
    [InlineData("https://as.example.com/tenant1", "https://as.example.com/.well-known/oauth-authorization-server/tenant1")]
    public void Metadata_is_looked_up_at_the_RFC_8414_address(string issuer, string expected)
        => Assert.Equal(expected, IntrospectionClient.MetadataAddress(issuer).AbsoluteUri);
}
