using OAuth2.Errors;
using OAuth2.Grants;
using OAuth2.Model;
using OAuth2.Tokens;

namespace OAuth2.Devices;

/// <summary>
/// The verification page's side of RFC 8628 (section 3.3): look a user code up, then approve or deny it once. The
/// decision is a compare-and-swap on the record's revision, so two tabs deciding at once cannot both win, and a
/// device polling at the same moment cannot undo the decision.
/// </summary>
internal sealed class DeviceVerifier(IDeviceAuthorizationModel model, IClientModel clients, TokenIssuer issuer)
{
    /// <summary>Retries of the compare-and-swap when a device's poll changed the record in between.</summary>
    private const int Attempts = 4;

    public async ValueTask<PendingDeviceAuthorization?> FindAsync(string userCode, CancellationToken cancellationToken)
    {
        var normalized = UserCode.Normalize(userCode);
        if (normalized is null)
        {
            return null;
        }

        var data = await model.GetDeviceAuthorizationByUserCodeAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (!IsPending(data))
        {
            return null;
        }

        var client = await clients.GetClientAsync(data!.ClientId, cancellationToken).ConfigureAwait(false);
        return client is null
            ? null
            : new PendingDeviceAuthorization { UserCode = UserCode.Format(normalized), Client = client, Scope = data.Scope, ExpiresAt = data.ExpiresAt };
    }

    public async ValueTask<DeviceDecisionResult> DecideAsync(string userCode, OAuth2User user, bool approve, IReadOnlyList<string>? scope, CancellationToken cancellationToken)
    {
        var normalized = UserCode.Normalize(userCode);
        if (normalized is null)
        {
            return DeviceDecisionResult.NotFound;
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var data = await model.GetDeviceAuthorizationByUserCodeAsync(normalized, cancellationToken).ConfigureAwait(false);
            if (!IsPending(data))
            {
                return DeviceDecisionResult.NotFound;
            }

            var granted = data!.Scope;
            if (approve)
            {
                var client = await clients.GetClientAsync(data.ClientId, cancellationToken).ConfigureAwait(false);
                if (client is null)
                {
                    return DeviceDecisionResult.NotFound;
                }

                if (scope is not null && !Scopes.ScopeParser.IsSubset(scope, data.Scope))
                {
                    return DeviceDecisionResult.ScopeRefused;
                }

                try
                {
                    granted = await issuer.ValidateScopeAsync(user, client, scope ?? data.Scope, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidScopeException)
                {
                    return DeviceDecisionResult.ScopeRefused;
                }
            }

            var decided = data with
            {
                Status = approve ? DeviceAuthorizationStatus.Approved : DeviceAuthorizationStatus.Denied,
                User = user,
                Scope = granted,
                Revision = data.Revision + 1,
            };
            if (await model.UpdateDeviceAuthorizationByUserCodeAsync(normalized, data.Revision, decided, cancellationToken).ConfigureAwait(false))
            {
                return approve ? DeviceDecisionResult.Approved : DeviceDecisionResult.Denied;
            }
        }

        throw new ServerErrorException("Server error: the device authorization kept changing, try again");
    }

    private bool IsPending(DeviceAuthorization? data)
        => data is not null && data.Status == DeviceAuthorizationStatus.Pending && data.ExpiresAt > issuer.TimeProvider.GetUtcNow();
}
