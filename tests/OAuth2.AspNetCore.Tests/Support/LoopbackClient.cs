using System.Net;
using System.Net.Sockets;

namespace OAuth2.AspNetCore.Tests.Support;

/// <summary>
/// An HttpClient whose connections leave from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so the server sees
/// several distinct callers without anything trusted from headers such as X-Forwarded-For.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient Create(Uri baseAddress, string localAddress, int maxConnections = int.MaxValue)
    {
        var local = IPAddress.Parse(localAddress);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = maxConnections,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }
}
