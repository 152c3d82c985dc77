using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Model;
using OAuth2.Resources;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// The device access token request (RFC 8628 sections 3.4-3.5). Every poll is recorded by a compare-and-swap, so the
/// pacing holds across servers: a poll sooner than the interval is <c>slow_down</c> and raises the interval by five
/// seconds; of two polls racing, one is told to slow down. The poll that finds the authorization approved redeems it
/// in the same write, so a device code yields tokens once.
/// </summary>
/// <remarks>
/// A device code that was already redeemed is <c>invalid_grant</c> without revoking the tokens: unlike an
/// authorization code it never travels through a browser, so a second use is the device retrying, not an attacker.
/// </remarks>
internal sealed class DeviceCodeGrant(IDeviceAuthorizationModel model, ITokenModel tokens) : ITokenGrant
{
    private const string InvalidCode = "Invalid grant: device code is invalid";

    /// <summary>The seconds RFC 8628 section 3.5 adds to the interval on each <c>slow_down</c>.</summary>
    public const int SlowDownIncrementSeconds = 5;

    /// <summary>Attempts of the poll's compare-and-swap when the user's decision changed the record in between.</summary>
    private const int Attempts = 4;

    public async ValueTask<Token> IssueAsync(GrantContext context, CancellationToken cancellationToken)
    {
        var deviceCode = ParameterRules.RequireVsChar(context.GetParameter("device_code"), "device_code");
        var issuer = context.Issuer;
        var requestedResources = ResourceIndicators.Parse(context.Request.Form, issuer.Options);
        var data = await model.GetDeviceAuthorizationAsync(deviceCode, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            if (data is null || !string.Equals(data.ClientId, context.Client.Id, StringComparison.Ordinal))
            {
                throw new InvalidGrantException(InvalidCode);
            }

            var now = issuer.TimeProvider.GetUtcNow();
            if (data.ExpiresAt <= now)
            {
                throw new ExpiredTokenException("Expired token: the device code has expired; start a new device authorization");
            }

            if (data.RedeemedAt is not null)
            {
                throw new InvalidGrantException("Invalid grant: device code has already been used");
            }

            // RFC 8707 section 2.2, before the poll is recorded: a refused request does not count as a poll.
            var resources = ResourceIndicators.Narrow(requestedResources, data.Resources);
            ResourceIndicators.RequireRegistered(resources, context.Client);

            var tooSoon = data.LastPolledAt is { } last && now < last.AddSeconds(data.PollingIntervalSeconds);
            var redeem = !tooSoon && data.Status == DeviceAuthorizationStatus.Approved;
            var polled = data with
            {
                LastPolledAt = now,
                PollingIntervalSeconds = tooSoon ? data.PollingIntervalSeconds + SlowDownIncrementSeconds : data.PollingIntervalSeconds,
                RedeemedAt = redeem ? now : null,
                Revision = data.Revision + 1,
            };
            if (!await model.UpdateDeviceAuthorizationAsync(deviceCode, data.Revision, polled, cancellationToken).ConfigureAwait(false))
            {
                if (attempt + 1 == Attempts)
                {
                    throw new SlowDownException("Slow down: concurrent polls for one device code");
                }

                // Another poll or the user's decision landed first: judge this poll against what it wrote.
                data = await model.GetDeviceAuthorizationAsync(deviceCode, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (tooSoon)
            {
                throw new SlowDownException($"Slow down: poll at most every {polled.PollingIntervalSeconds} seconds");
            }

            var user = polled.Status switch
            {
                DeviceAuthorizationStatus.Approved => polled.User ?? throw new InvalidArgumentException("Invalid argument: an approved device authorization has no user"),
                DeviceAuthorizationStatus.Denied => throw new AccessDeniedException("Access denied: the user denied the device authorization"),
                _ => throw new AuthorizationPendingException("Authorization pending: the user has not approved the device yet"),
            };
            var token = await issuer.IssueAsync(
                context.Client, user, polled.Scope, polled.GrantId, issuer.MayIssueRefreshToken(context.Client), resources, polled.Resources, refreshTokenScope: null, cancellationToken).ConfigureAwait(false);
            return await SavedTokens.SaveAsync(tokens, token, cancellationToken).ConfigureAwait(false);
        }
    }
}
