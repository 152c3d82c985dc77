using OAuth2.Clients;
using OAuth2.Model;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// Mints tokens the way the server is configured: lifetimes (the client's own first), value generators and the
/// scope policy. Grants, built-in and extension alike, issue through it.
/// </summary>
public sealed class TokenIssuer
{
    internal TokenIssuer(IClientModel model, OAuth2ServerOptions options, TimeProvider timeProvider)
    {
        Model = model;
        Options = options;
        TimeProvider = timeProvider;
    }

    /// <summary>The model (cast it to the capability a grant needs, e.g. <see cref="IPasswordModel"/>).</summary>
    public IClientModel Model { get; }

    public OAuth2ServerOptions Options { get; }

    public TimeProvider TimeProvider { get; }
}
