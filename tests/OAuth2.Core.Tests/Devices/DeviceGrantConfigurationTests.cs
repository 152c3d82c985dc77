using NSubstitute;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Model;

namespace OAuth2.Core.Tests.Devices;

/// <summary>What enabling the device grant demands at construction, and what the metadata then says.</summary>
public sealed class DeviceGrantConfigurationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/device")]
    [InlineData("ftp://auth.example.com/device")]
    [InlineData("https://auth.example.com/device#frag")]
    public void A_verification_uri_that_is_not_an_absolute_http_uri_is_refused(string? uri)
    {
        var options = DeviceKit.DeviceOnlyOptions();
        options.DeviceVerificationUri = uri;

        var e = Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(Substitute.For<DeviceAuthorizationEndpointTests.IDeviceModel>(), options));

        Assert.Contains("deviceVerificationUri", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(600, 0)]
    [InlineData(600, 7200)]
    public void Lifetime_and_interval_must_be_sensible(int lifetimeSeconds, int intervalSeconds)
    {
        var options = DeviceKit.DeviceOnlyOptions();
        options.DeviceCodeLifetime = TimeSpan.FromSeconds(lifetimeSeconds);
        options.DevicePollingInterval = TimeSpan.FromSeconds(intervalSeconds);

        Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(Substitute.For<DeviceAuthorizationEndpointTests.IDeviceModel>(), options));
    }

    [Fact]
    public void A_model_without_device_storage_is_named_at_construction()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(Substitute.For<IClientModel, ITokenModel>(), DeviceKit.DeviceOnlyOptions()));

        Assert.Contains("SaveDeviceAuthorizationAsync", e.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IDeviceAuthorizationModel), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_names_the_device_endpoint_and_grant_only_when_enabled()
    {
        var endpoints = new MetadataEndpoints
        {
            Issuer = new Uri("https://auth.example.com"),
            Token = new Uri("https://auth.example.com/token"),
            DeviceAuthorization = new Uri("https://auth.example.com/device_authorization"),
        };

        var enabled = new DeviceKit().Server.GetMetadata(endpoints);
        var disabled = new OAuth2Server(
            Substitute.For<IClientModel, ITokenModel, IClientCredentialsModel>(),
            new OAuth2ServerOptions { GrantTypes = new HashSet<string>(StringComparer.Ordinal) { GrantTypes.ClientCredentials } }).GetMetadata(endpoints);

        Assert.Equal("https://auth.example.com/device_authorization", enabled["device_authorization_endpoint"]);
        Assert.Contains(GrantTypes.DeviceCode, (string[])enabled["grant_types_supported"]!);
        Assert.False(disabled.ContainsKey("device_authorization_endpoint"));
        Assert.DoesNotContain(GrantTypes.DeviceCode, (string[])disabled["grant_types_supported"]!);
    }
}
