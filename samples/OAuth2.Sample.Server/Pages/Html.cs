using System.Text;
using System.Text.Encodings.Web;

namespace OAuth2.Sample.Server.Pages;

/// <summary>Page shell and encoding for the server-rendered pages; everything echoed goes through <see cref="E"/>.</summary>
public static class Html
{
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    public static string Page(string title, string body)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        b.Append("<title>").Append(E(title)).Append("</title><style>");
        b.Append("body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#222}");
        b.Append("label{display:block;margin:.6rem 0 .2rem}input[type=text],input[type=password]{width:100%;padding:.4rem}");
        b.Append("button{margin:1rem .5rem 0 0;padding:.5rem 1.2rem}.error{color:#a00;font-weight:bold}code,dd{word-break:break-all}");
        b.Append("</style></head><body><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</body></html>");
        return b.ToString();
    }

    /// <summary>Sends a page with the headers that keep it out of frames, caches and referrers.</summary>
    public static async Task WriteAsync(HttpContext context, string html, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = status;
        ApplySecurityHeaders(response);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
    }

    public static void ApplySecurityHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
