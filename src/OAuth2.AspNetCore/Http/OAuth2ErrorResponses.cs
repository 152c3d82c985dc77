using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Http;

/// <summary>Error responses the host produces itself, before a request reaches the core, in the core's JSON shape.</summary>
internal static class OAuth2ErrorResponses
{
    public static OAuth2Response Json(int status, string error, string description)
    {
        var response = new OAuth2Response
        {
            StatusCode = status,
            Body = new Dictionary<string, object?>(2, StringComparer.Ordinal) { ["error"] = error, ["error_description"] = description },
        };
        response.Headers["Content-Type"] = "application/json; charset=utf-8";
        response.Headers["Cache-Control"] = "no-store";
        response.Headers["Pragma"] = "no-cache";
        return response;
    }

    public static OAuth2Response From(OAuth2Exception error, int? status = null)
        => Json(status ?? error.StatusCode, error.Error, error.Description);
}
