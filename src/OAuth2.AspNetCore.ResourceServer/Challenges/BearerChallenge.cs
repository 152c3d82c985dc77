using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OAuth2.AspNetCore.ResourceServer.Challenges;

/// <summary>
/// Writes the RFC 6750 section 3 answers of a resource server: 401 with <c>invalid_token</c> (or a bare challenge
/// when no token came), 403 with <c>insufficient_scope</c>, each with the optional realm, scope and the RFC 9728
/// <c>resource_metadata</c> parameter. Every value is checked quotable before it gets here.
/// </summary>
internal static class BearerChallenge
{
    public const string InvalidToken = "invalid_token";
    public const string InvalidRequest = "invalid_request";
    public const string InsufficientScope = "insufficient_scope";

    public static string Build(string? realm, string? error, string? description, string? scope, string? resourceMetadata)
    {
        var builder = new StringBuilder("Bearer");
        var first = true;
        void Add(string name, string? value)
        {
            if (value is null)
            {
                return;
            }

            builder.Append(first ? " " : ", ").Append(name).Append("=\"").Append(value).Append('"');
            first = false;
        }

        Add("realm", realm);
        Add("error", error);
        Add("error_description", description);
        Add("scope", scope);
        Add("resource_metadata", resourceMetadata);
        return builder.ToString();
    }

    /// <summary>Sets status and challenge and, with an error, the JSON body the rest of this library writes.</summary>
    public static Task WriteAsync(HttpResponse response, int status, string challenge, string? error, string? description)
    {
        response.StatusCode = status;
        response.Headers.WWWAuthenticate = challenge;
        response.Headers.CacheControl = "no-store";
        if (error is null)
        {
            return Task.CompletedTask;
        }

        response.ContentType = "application/json; charset=utf-8";
        var body = new Dictionary<string, string>(2, StringComparer.Ordinal) { ["error"] = error };
        if (description is not null)
        {
            body["error_description"] = description;
        }

        return response.WriteAsync(JsonSerializer.Serialize(body), response.HttpContext.RequestAborted);
    }
}
