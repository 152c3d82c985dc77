using System.Text;
using System.Text.Json;
using NSubstitute;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Http;
using OAuth2.Security;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Endpoints;

/// <summary>Shared set-up for the revocation, introspection and metadata tests.</summary>
internal static class EndpointTestKit
{
    public const string Secret = "c1-secret-value";

    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static readonly OAuth2Client Confidential = new()
    {
        Id = "c1",
        SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret),
        Grants = [GrantTypes.ClientCredentials, GrantTypes.RefreshToken],
    };

    public static readonly OAuth2Client Public = new() { Id = "pub", Type = ClientType.Public, Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken] };

    public static IRevocableFullModel NewModel()
    {
        var model = Substitute.For<IRevocableFullModel>();
        model.GetClientAsync("c1", Arg.Any<CancellationToken>()).Returns(Confidential);
        model.GetClientAsync("pub", Arg.Any<CancellationToken>()).Returns(Public);
        return model;
    }

    public static OAuth2Server NewServer(IRevocableFullModel model, OAuth2ServerOptions? options = null)
        => new(model, options, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));

    public static AccessToken Access(string clientId, DateTimeOffset? expiresAt = null) => new()
    {
        ClientId = clientId,
        User = new OAuth2User("alice") { Properties = new Dictionary<string, string> { ["username"] = "alice@example.com" } },
        Scope = ["read", "write"],
        IssuedAt = Now.AddMinutes(-5),
        ExpiresAt = expiresAt ?? Now.AddMinutes(55),
        GrantId = "g-access",
    };

    public static RefreshToken Refresh(string clientId, DateTimeOffset? redeemedAt = null) => new()
    {
        ClientId = clientId,
        User = new OAuth2User("alice"),
        Scope = ["read"],
        IssuedAt = Now.AddMinutes(-5),
        ExpiresAt = Now.AddDays(13),
        GrantId = "g-refresh",
        RedeemedAt = redeemedAt,
    };

    public static OAuth2Request Post(string body, string? basic = "c1:" + Secret, string method = "POST")
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/x-www-form-urlencoded") };
        if (basic is not null)
        {
            headers.Add(new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic))));
        }

        return new OAuth2Request { Method = method, Headers = ParameterCollection.From(headers, ignoreCase: true), Form = FormUrlEncoding.Parse(body) };
    }

    public static JsonElement Json(OAuth2Response response) => JsonDocument.Parse(response.GetJsonBody()).RootElement.Clone();
}
