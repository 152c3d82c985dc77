using OAuth2.Devices;
using OAuth2.Diagnostics;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Tokens;

namespace OAuth2;

/// <summary>
/// Every endpoint call as a span with its outcome recorded (see <see cref="OAuth2Telemetry"/>). Kept apart from the
/// endpoints themselves so the protocol code stays about the protocol.
/// </summary>
public sealed partial class OAuth2Server
{
    private const string OtherGrantType = "_OTHER";

    /// <summary>The server's logs, meter and audit sinks.</summary>
    public OAuth2Telemetry Telemetry => _telemetry;

    private async ValueTask<OAuth2Result<Token>> ObservedTokenAsync(TokenHandler handler, OAuth2Request request, CancellationToken cancellationToken)
    {
        var grantType = GrantTypeTag(request);
        using var activity = OAuth2Telemetry.StartEndpoint("OAuth2 token", OAuth2Telemetry.Endpoints.Token);
        activity?.SetTag(OAuth2Telemetry.TagNames.GrantType, grantType);
        var result = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            await _telemetry.FailedAsync(OAuth2Telemetry.Endpoints.Token, request, error, activity, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _telemetry.TokenIssuedAsync(grantType, result.Value!, activity, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async ValueTask<OAuth2Result<AccessToken>> ObservedAuthenticateAsync(OAuth2Request request, IReadOnlyList<string>? requiredScope, bool? checkJwtRevocation, CancellationToken cancellationToken)
    {
        using var activity = OAuth2Telemetry.StartEndpoint("OAuth2 authenticate", OAuth2Telemetry.Endpoints.Authenticate);
        var result = await _authenticateHandler.HandleAsync(request, requiredScope, checkJwtRevocation, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            await _telemetry.FailedAsync(OAuth2Telemetry.Endpoints.Authenticate, request, error, activity, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            activity?.SetTag(OAuth2Telemetry.TagNames.ClientId, result.Value!.ClientId);
        }

        return result;
    }

    private async ValueTask<OAuth2Result<RevocationOutcome>> ObservedRevokeAsync(RevocationHandler handler, OAuth2Request request, CancellationToken cancellationToken)
    {
        using var activity = OAuth2Telemetry.StartEndpoint("OAuth2 revocation", OAuth2Telemetry.Endpoints.Revocation);
        var result = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            await _telemetry.FailedAsync(OAuth2Telemetry.Endpoints.Revocation, request, error, activity, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _telemetry.RevokedAsync(request, result.Value!, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async ValueTask<OAuth2Result<IntrospectionResult>> ObservedIntrospectAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        using var activity = OAuth2Telemetry.StartEndpoint("OAuth2 introspection", OAuth2Telemetry.Endpoints.Introspection);
        var result = await _introspectionHandler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            await _telemetry.FailedAsync(OAuth2Telemetry.Endpoints.Introspection, request, error, activity, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async ValueTask<OAuth2Result<IssuedDeviceAuthorization>> ObservedDeviceAuthorizationAsync(DeviceAuthorizationHandler handler, OAuth2Request request, CancellationToken cancellationToken)
    {
        using var activity = OAuth2Telemetry.StartEndpoint("OAuth2 device_authorization", OAuth2Telemetry.Endpoints.DeviceAuthorization);
        var result = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            await _telemetry.FailedAsync(OAuth2Telemetry.Endpoints.DeviceAuthorization, request, error, activity, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async ValueTask<OAuth2Result<T>> ObservedAuthorizeAsync<T>(ValueTask<OAuth2Result<T>> pending, OAuth2Request request, CancellationToken cancellationToken)
        where T : class
    {
        var result = await pending.ConfigureAwait(false);
        if (result.Error is { } error)
        {
            await _telemetry.FailedAsync(OAuth2Telemetry.Endpoints.Authorize, request, error, activity: null, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>The grant type as a metric attribute: only configured names, so a client cannot mint new series.</summary>
    private string GrantTypeTag(OAuth2Request request)
    {
        var name = ClientIdentifier.Single(request.Form, "grant_type");
        if (name is null)
        {
            return OtherGrantType;
        }

        if (_options.GrantTypes.Contains(name))
        {
            return name;
        }

        return _options.ExtendedGrantTypes.ContainsKey(name) ? name : OtherGrantType;
    }
}
