using NSubstitute;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Security;
using static OAuth2.Core.Tests.Endpoints.EndpointTestKit;

namespace OAuth2.Core.Tests.Endpoints;

/// <summary>
/// RFC 7662 section 4: token data only for clients allowed to introspect (resource servers), plus a client's own
/// tokens. Everyone else is told <c>{"active":false}</c>, which reveals nothing, not even that the token exists.
/// </summary>
public sealed class IntrospectionPermissionTests
{
    private const string ResourceSecret = "rs-secret-value";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly OAuth2Client ResourceServer = new()
    {
        Id = "rs",
        SecretHash = ClientSecretHasher.HashGeneratedSecret(ResourceSecret),
        Properties = new Dictionary<string, string> { [ClientPermissions.IntrospectionProperty] = "true" },
    };

    private static IRevocableFullModel Model()
    {
        var model = NewModel();
        model.GetClientAsync("rs", Arg.Any<CancellationToken>()).Returns(ResourceServer);
        model.GetAccessTokenAsync("other-at", Arg.Any<CancellationToken>()).Returns(Access("c2"));
        model.GetRefreshTokenAsync("other-rt", Arg.Any<CancellationToken>()).Returns(Refresh("c2"));
        model.GetAccessTokenAsync("own-at", Arg.Any<CancellationToken>()).Returns(Access("c1"));
        return model;
    }

    [Theory]
    [InlineData("token=other-at")]
    [InlineData("token=other-rt&token_type_hint=refresh_token")]
    public async Task A_client_not_allowed_to_introspect_learns_nothing_about_another_clients_token(string body)
    {
        var result = await NewServer(Model()).IntrospectAsync(Post(body), Ct);
        Assert.Equal(200, result.Response.StatusCode);
        Assert.Equal("""{"active":false}""", System.Text.Encoding.UTF8.GetString(result.Response.GetJsonBody()));
    }

    [Fact]
    public async Task A_client_may_introspect_its_own_tokens()
    {
        var json = Json((await NewServer(Model()).IntrospectAsync(Post("token=own-at"), Ct)).Response);
        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.Equal("alice", json.GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData("token=other-at")]
    [InlineData("token=own-at")]
    [InlineData("token=other-rt&token_type_hint=refresh_token")]
    public async Task A_client_allowed_to_introspect_sees_any_token(string body)
    {
        var json = Json((await NewServer(Model()).IntrospectAsync(Post(body, basic: "rs:" + ResourceSecret), Ct)).Response);
        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.Equal("alice", json.GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData("false")]
    [InlineData("TRUE")]
    [InlineData("yes")]
    [InlineData("")]
    public void Only_the_exact_value_true_grants_the_permission(string value)
    {
        var client = ResourceServer with { Properties = new Dictionary<string, string> { [ClientPermissions.IntrospectionProperty] = value } };
        Assert.False(ClientPermissions.MayIntrospectAnyToken(client));
        Assert.True(ClientPermissions.MayIntrospectAnyToken(ResourceServer));
        Assert.False(ClientPermissions.MayIntrospectAnyToken(Confidential));
    }
}
