using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage;

/// <summary>
/// The application policy a <see cref="StoreBackedModel"/> needs beside storage: the part of node's model a user
/// writes by hand. Every member is optional; a grant whose policy is missing is reported when the server is built.
/// </summary>
public sealed record StoreModelPolicy
{
    /// <summary>Checks a resource owner's username and password (the <c>password</c> grant); <c>null</c> for bad credentials.</summary>
    public Func<string, string, OAuth2Client, CancellationToken, ValueTask<OAuth2User?>>? GetUser { get; init; }

    /// <summary>
    /// The user a client acts as in the <c>client_credentials</c> grant. Default: the client itself, as a user whose
    /// id is the client id and whose <c>kind</c> property is <c>client</c>.
    /// </summary>
    public Func<OAuth2Client, CancellationToken, ValueTask<OAuth2User?>>? GetUserFromClient { get; init; }

    /// <summary>Decides the granted scope; default: the request within the client's registered scopes.</summary>
    public Func<OAuth2User, OAuth2Client, IReadOnlyList<string>, CancellationToken, ValueTask<IReadOnlyList<string>?>>? ValidateScope { get; init; }

    /// <summary>Whether a token covers a resource's required scope; default: every required scope present.</summary>
    public Func<AccessToken, IReadOnlyList<string>, CancellationToken, ValueTask<bool>>? VerifyScope { get; init; }

    /// <summary>
    /// Decides token exchanges (RFC 8693): who may exchange which token for which audience and scope. No default:
    /// a server that enables the token exchange grant without it refuses to start.
    /// </summary>
    public Func<TokenExchange.TokenExchangeRequest, CancellationToken, ValueTask<TokenExchange.TokenExchangeDecision>>? AuthorizeExchange { get; init; }

    /// <summary>
    /// The registration policy (<see cref="Model.IClientRegistrationPolicy"/>): called once per dynamic registration or
    /// update, returns the client to save or throws to refuse. <c>null</c>: the built-in rules alone decide.
    /// </summary>
    public Func<Registration.ClientRegistrationContext, CancellationToken, ValueTask<OAuth2Client>>? ApproveRegistration { get; init; }

    /// <summary>
    /// The user a verified JWT bearer assertion (RFC 7523) stands for, or <c>null</c> to refuse it. No default: a server
    /// that enables the JWT bearer grant without it refuses to start.
    /// </summary>
    public Func<Jwt.JwtBearerAssertion, OAuth2Client, CancellationToken, ValueTask<OAuth2User?>>? GetUserFromAssertion { get; init; }
}
