using System.Text.Json;
using OAuth2.Errors;
using OAuth2.Jwt;

namespace OAuth2.ClientAssertions;

/// <summary>
/// A <c>client_assertion</c> as read from a request: parsed (form only, nothing trusted yet), with the client it names
/// (its <c>sub</c>) and the path of the endpoint it was sent to, which is one of the audiences it may name.
/// </summary>
internal sealed record ClientAssertion(JwsCompact Jws, string Subject, string? EndpointPath)
{
    /// <summary>RFC 7523 section 2.2: the only <c>client_assertion_type</c> this server accepts.</summary>
    public const string JwtBearerType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>Reads the assertion; any failure is <c>invalid_client</c> with <see cref="ErrorIds.ClientAssertionMalformed"/>.</summary>
    public static ClientAssertion Read(string assertionType, string assertion, string? formClientId, string? endpointPath)
    {
        if (!string.Equals(assertionType, JwtBearerType, StringComparison.Ordinal))
        {
            throw Malformed("Invalid client: unsupported `client_assertion_type`");
        }

        if (JwsCompact.TryParse(assertion, ClientAssertionOptions.MaxAssertionLength, out var jws) != JoseFailure.None)
        {
            throw Malformed("Invalid client: malformed `client_assertion`");
        }

        // RFC 7523 section 3 item 2: sub is the client_id; RFC 7521 section 4.2: client_id, if sent, must name the same client.
        if (!jws!.Payload.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String
            || sub.GetString() is not { Length: > 0 } subject || !Handlers.ParameterRules.IsVsChar(subject))
        {
            throw Malformed("Invalid client: `client_assertion` names no client");
        }

        if (formClientId is not null && !string.Equals(formClientId, subject, StringComparison.Ordinal))
        {
            throw new InvalidClientException("Invalid client: `client_id` does not match the client assertion") { ErrorId = ErrorIds.ClientAssertionClaimsInvalid };
        }

        return new ClientAssertion(jws, subject, endpointPath);
    }

    private static InvalidClientException Malformed(string description) => new(description) { ErrorId = ErrorIds.ClientAssertionMalformed };
}
