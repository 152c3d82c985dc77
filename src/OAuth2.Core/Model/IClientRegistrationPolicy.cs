using OAuth2.Clients;
using OAuth2.Registration;

namespace OAuth2.Model;

/// <summary>
/// The application's say over what may be registered, called once per registration or update after the built-in
/// rules (<see cref="ClientRegistrationOptions"/>) have passed and before anything is saved. Return the client to
/// save (as proposed, or narrowed: fewer scopes, a shorter token lifetime, an added property); throw
/// <see cref="Errors.InvalidClientMetadataException"/> or <see cref="Errors.InvalidRedirectUriException"/> to refuse.
/// </summary>
public interface IClientRegistrationPolicy
{
    ValueTask<OAuth2Client> ApproveRegistrationAsync(ClientRegistrationContext context, CancellationToken cancellationToken);
}
