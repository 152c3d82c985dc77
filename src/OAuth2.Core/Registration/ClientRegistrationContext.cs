using System.Text.Json;
using OAuth2.Clients;
using OAuth2.Http;

namespace OAuth2.Registration;

/// <summary>What a <see cref="Model.IClientRegistrationPolicy"/> decides on.</summary>
public sealed record ClientRegistrationContext
{
    /// <summary>The client the request would save (its id, secret hash and registration token hash already set).</summary>
    public required OAuth2Client Client { get; init; }

    /// <summary>Every top-level member of the request's JSON body, including those the server does not know.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Metadata { get; init; }

    /// <summary>The client as stored before an RFC 7592 update; <c>null</c> for a new registration.</summary>
    public OAuth2Client? Existing { get; init; }

    /// <summary>The HTTP request (headers, for example a tenant or the caller's address as the host mapped it).</summary>
    public required OAuth2Request Request { get; init; }
}
