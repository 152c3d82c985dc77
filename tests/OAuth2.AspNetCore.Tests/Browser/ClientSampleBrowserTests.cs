using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.AspNetCore.Tests.Support;
using OAuth2.Sample.Client;

namespace OAuth2.AspNetCore.Tests.Browser;

/// <summary>
/// The client sample (ASP.NET Core's OAuth handler with PKCE) and the sample server, each on a free loopback port,
/// driven in Chromium: sign in as alice, see /api/me's answer, let the access token expire, see it refreshed.
/// </summary>
public sealed class ClientSampleBrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A free loopback port, for the one app whose address the other must know before it starts.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Sign_in_through_the_sample_server_call_the_api_then_refresh_after_expiry()
    {
        // The confidential client's redirect URI must match exactly, so the server learns the client's port first.
        var clientPort = FreePort();
        var clientBase = $"http://127.0.0.1:{clientPort}";
        await using var server = await RunningSample.StartAsync(
        [
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            "--OAuth2:AccessTokenLifetime=00:00:02",
            $"--OAuth2:Clients:4:RedirectUris:0={clientBase}/signin-sample",
        ], Ct);
        Assert.Equal("demo-web", server.App.Configuration["OAuth2:Clients:4:ClientId"]);

        var client = SampleClient.BuildApp([$"--urls={clientBase}", $"--SampleServer:Authority={server.BaseAddress}", "--Logging:LogLevel:Default=Warning"]);
        await client.StartAsync(Ct);
        try
        {
            Assert.Equal(clientBase, client.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

            await using var session = await BrowserSession.StartAsync();
            var page = session.Page;
            await page.GotoAsync(clientBase + "/");
            await page.ClickAsync("#sign-in");

            // The sample server's sign-in and consent page.
            await page.Locator("#username").WaitForAsync();
            Assert.StartsWith(server.BaseAddress + "authorize", page.Url, StringComparison.Ordinal);
            await page.FillAsync("#username", SampleServerFixture.Username);
            await page.FillAsync("#password", SampleServerFixture.Password);
            await page.ClickAsync("#approve");

            await page.Locator("#api-me").WaitForAsync();
            Assert.StartsWith(clientBase, page.Url, StringComparison.Ordinal);
            Assert.Equal("user-alice", await page.TextContentAsync("#user"));
            Assert.Equal("200", await page.TextContentAsync("#api-status"));
            var me = await page.TextContentAsync("#api-me");
            Assert.Contains("\"sub\":\"user-alice\"", me, StringComparison.Ordinal);
            Assert.Contains("\"client_id\":\"demo-web\"", me, StringComparison.Ordinal);
            Assert.Equal("0", await page.TextContentAsync("#refresh-count"));
            var firstExpiry = DateTimeOffset.Parse((await page.TextContentAsync("#expires-at"))!, System.Globalization.CultureInfo.InvariantCulture);

            // Let the two-second access token expire, then load the page again: the client refreshes, then calls the API.
            var wait = firstExpiry - TimeProvider.System.GetUtcNow() + TimeSpan.FromMilliseconds(500);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Ct);
            }

            await page.ReloadAsync();
            await page.Locator("#api-me").WaitForAsync();
            Assert.Equal("1", await page.TextContentAsync("#refresh-count"));
            Assert.Equal("200", await page.TextContentAsync("#api-status"));
            Assert.Contains("\"sub\":\"user-alice\"", await page.TextContentAsync("#api-me"), StringComparison.Ordinal);
            var secondExpiry = DateTimeOffset.Parse((await page.TextContentAsync("#expires-at"))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(secondExpiry > firstExpiry, $"{secondExpiry:o} after {firstExpiry:o}");
        }
        finally
        {
            await client.StopAsync(CancellationToken.None);
            await client.DisposeAsync();
        }
    }
}
