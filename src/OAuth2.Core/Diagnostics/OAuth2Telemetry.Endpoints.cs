using System.Diagnostics;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Storage;
using OAuth2.Tokens;

namespace OAuth2.Diagnostics;

/// <summary>What the server records as each endpoint call ends: the span's attributes, counters, warnings and audit events.</summary>
public sealed partial class OAuth2Telemetry
{
    internal static Activity? StartEndpoint(string spanName, string endpoint)
    {
        var activity = ActivitySource.StartActivity(spanName, ActivityKind.Internal);
        activity?.SetTag(TagNames.Endpoint, endpoint);
        return activity;
    }

    /// <summary>A token response was sent: counted by grant type and published as issued or refreshed.</summary>
    internal ValueTask TokenIssuedAsync(string grantType, Token token, Activity? activity, CancellationToken cancellationToken)
    {
        TokenIssued(grantType);
        if (activity is not null)
        {
            activity.SetTag(TagNames.ClientId, token.Client.Id);
        }

        var type = grantType == GrantTypes.RefreshToken ? OAuth2AuditEventType.TokenRefreshed : OAuth2AuditEventType.TokenIssued;
        return PublishAsync(type, token.Client.Id, token.GrantId, token.User.Id, grantType, Endpoints.Token, cancellationToken);
    }

    /// <summary>
    /// An endpoint answered with an error: counted by endpoint and code; a 5xx logged once with its cause (the store
    /// outage or the fault); a failed client authentication logged as a warning and published.
    /// </summary>
    internal ValueTask FailedAsync(string endpoint, OAuth2Request request, OAuth2Exception error, Activity? activity, CancellationToken cancellationToken)
    {
        var (code, status) = ErrorTranslator.Wire(error);
        Error(endpoint, code);
        if (activity is not null)
        {
            activity.SetTag(TagNames.ErrorType, code);
            if (status >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        if (status >= 500)
        {
            if (error.InnerException is StorageUnavailableException outage)
            {
                StoreUnavailable(endpoint, outage);
            }
            else
            {
                CoreLog.ServerError(Logger, endpoint, status, code, error.InnerException ?? error);
            }

            return ValueTask.CompletedTask;
        }

        if (code == InvalidClientException.Code)
        {
            var clientId = ClientIdentifier.Read(request);
            activity?.SetTag(TagNames.ClientId, clientId);
            return ClientAuthenticationFailedAsync(endpoint, clientId, cancellationToken);
        }

        return ValueTask.CompletedTask;
    }

    internal void StoreUnavailable(string endpoint, StorageUnavailableException outage) => CoreLog.StoreUnavailable(Logger, endpoint, outage);

    /// <summary>A revocation went through: published when it actually revoked something.</summary>
    internal ValueTask RevokedAsync(OAuth2Request request, RevocationOutcome outcome, CancellationToken cancellationToken)
    {
        if (_auditSinks.Length == 0 || (outcome != RevocationOutcome.RevokedAccessToken && outcome != RevocationOutcome.RevokedRefreshTokenFamily))
        {
            return ValueTask.CompletedTask;
        }

        return PublishAsync(OAuth2AuditEventType.TokenRevoked, ClientIdentifier.Read(request), null, null, null, Endpoints.Revocation, cancellationToken);
    }

    /// <summary>
    /// A registration or client configuration request succeeded: counted by operation; the span gets the client id
    /// (never its secret or registration access token, which only the response carries).
    /// </summary>
    internal void RegistrationSucceeded(string operation, string clientId, Activity? activity)
    {
        _registrationOperations.Add(1, new KeyValuePair<string, object?>(TagNames.RegistrationOperation, operation));
        activity?.SetTag(TagNames.ClientId, clientId);
    }
}
