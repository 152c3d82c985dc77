using System.Net.Sockets;
using System.Text;

namespace OAuth2.AspNetCore.Tests.Support;

/// <summary>
/// Sends a hand-written HTTP/1.1 request over a socket, for request targets HttpClient would "fix" (it re-escapes an
/// invalid <c>%zz</c> in a URI to <c>%25zz</c>).
/// </summary>
public static class RawHttp
{
    public static async Task<(int Status, string Head, string Body)> SendAsync(Uri baseAddress, string method, string target, string? formBody)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellationToken);
        var stream = tcp.GetStream();
        var body = Encoding.ASCII.GetBytes(formBody ?? string.Empty);
        var head = new StringBuilder()
            .Append($"{method} {target} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n");
        if (formBody is not null)
        {
            head.Append($"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {body.Length}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var status = int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        return (status, text[..split], text[(split + 4)..]);
    }
}
