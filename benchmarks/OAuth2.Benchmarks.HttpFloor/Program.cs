using System.Collections.Concurrent;
using System.Security.Cryptography;

// The floor of a token endpoint over HTTP: read the form, 32 CSPRNG bytes, their SHA-256, one dictionary write,
// the JSON answer with no-store headers. Nothing else: no client authentication, no validation, no store.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var issued = new ConcurrentDictionary<string, long>();

app.MapPost("/token", async (HttpContext context) =>
{
    var form = await context.Request.ReadFormAsync(context.RequestAborted);
    _ = form["grant_type"];
    var token = RandomNumberGenerator.GetBytes(32);
    issued[Convert.ToHexString(SHA256.HashData(token))] = Environment.TickCount64;
    context.Response.Headers.CacheControl = "no-store";
    context.Response.Headers.Pragma = "no-cache";
    await context.Response.WriteAsJsonAsync(
        new Dictionary<string, object> { ["access_token"] = Convert.ToBase64String(token), ["token_type"] = "Bearer", ["expires_in"] = 3600 },
        context.RequestAborted);
});

// The floor of a protected resource: look the presented token's digest up, answer a small JSON document.
app.MapGet("/api/me", (HttpContext context) =>
{
    var header = context.Request.Headers.Authorization.ToString();
    var digest = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(header)));
    issued.TryGetValue(digest, out _);
    return Results.Json(new { sub = "alice", scope = "read" });
});

app.Run();
