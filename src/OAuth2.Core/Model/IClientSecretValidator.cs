using OAuth2.Clients;

namespace OAuth2.Model;

/// <summary>
/// Optional: verifies a client's secret another way (a legacy hash format, an external vault). The default checks
/// it against <see cref="OAuth2Client.SecretHash"/> in constant time.
/// </summary>
public interface IClientSecretValidator
{
    ValueTask<bool> ValidateClientSecretAsync(OAuth2Client client, string clientSecret, CancellationToken cancellationToken);
}
