using Microsoft.Extensions.Time.Testing;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Core.Tests.Devices;

/// <summary>
/// A server with the device grant over the in-memory store and a fake clock, so polling intervals and expiry can be
/// stepped through exactly. Clients: <c>tv</c> (public), <c>svc</c> (confidential), <c>web</c> (no device grant).
/// </summary>
public sealed class DeviceKit
{
    public const string VerificationUri = "https://auth.example.com/device";
    public const string Secret = "svc-secret-that-is-long-enough-000000000";

    public DeviceKit(Action<OAuth2ServerOptions>? configure = null, IOAuth2Store? store = null)
    {
        Store = new InMemoryStore(Time, Timeout.InfiniteTimeSpan);
        var backing = store ?? Store;
        foreach (var client in Clients)
        {
            backing.SaveClientAsync(client, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        Options.GrantTypes.Remove(GrantTypes.Password);
        Options.GrantTypes.Add(GrantTypes.DeviceCode);
        Options.DeviceVerificationUri = VerificationUri;
        configure?.Invoke(Options);
        Server = new OAuth2Server(new StoreBackedModel(backing), Options, Time);
    }

    public static readonly OAuth2User Alice = new("alice");

    public static IReadOnlyList<OAuth2Client> Clients { get; } =
    [
        new() { Id = "tv", Type = ClientType.Public, Grants = [GrantTypes.DeviceCode, GrantTypes.RefreshToken], Scopes = ["read", "write"] },
        new() { Id = "svc", Type = ClientType.Confidential, SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret), Grants = [GrantTypes.DeviceCode] },
        new() { Id = "web", Type = ClientType.Public, Grants = [GrantTypes.AuthorizationCode], RedirectUris = ["https://web.example.com/cb"] },
    ];

    /// <summary>Options with the device grant alone, for a model that has nothing else.</summary>
    public static OAuth2ServerOptions DeviceOnlyOptions() => new()
    {
        GrantTypes = new HashSet<string>(StringComparer.Ordinal) { GrantTypes.DeviceCode },
        DeviceVerificationUri = VerificationUri,
    };

    public FakeTimeProvider Time { get; } = new(Harness.Start);

    public InMemoryStore Store { get; }

    public OAuth2ServerOptions Options { get; } = new();

    public OAuth2Server Server { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<OAuth2Result<global::OAuth2.Devices.IssuedDeviceAuthorization>> AuthorizeDeviceAsync(string body, string? authorization = null)
        => Server.DeviceAuthorizationAsync(Requests.Token(body, authorization), Ct).AsTask();

    /// <summary>Starts a device authorization for <c>tv</c>; returns its device code and user code.</summary>
    public async Task<(string DeviceCode, string UserCode)> StartAsync(string scope = "read")
    {
        var result = await AuthorizeDeviceAsync($"client_id=tv&scope={Uri.EscapeDataString(scope)}");
        Assert.True(result.Succeeded, result.Error?.Description);
        return ((string)result.Response.Body!["device_code"]!, (string)result.Response.Body["user_code"]!);
    }

    public Task<OAuth2Result<Tokens.Token>> PollAsync(string deviceCode, string clientId = "tv")
        => Server.TokenAsync(Requests.Token($"grant_type={Uri.EscapeDataString(GrantTypes.DeviceCode)}&client_id={clientId}&device_code={Uri.EscapeDataString(deviceCode)}"), Ct).AsTask();
}
