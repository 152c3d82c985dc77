using OAuth2.Clients;
using OAuth2.Diagnostics;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Registration;

namespace OAuth2;

/// <summary>Dynamic client registration (RFC 7591) and the client configuration endpoint (RFC 7592).</summary>
public sealed partial class OAuth2Server
{
    /// <summary>Whether <see cref="OAuth2ServerOptions.ClientRegistration"/> is set, so the registration endpoints answer.</summary>
    public bool SupportsClientRegistration => _registrationHandler is not null;

    /// <summary>
    /// The registration endpoint (RFC 7591): <c>POST</c> with a JSON body of client metadata (and the initial access
    /// token as a bearer token unless registration is open). 201 with the client information, including the client
    /// secret and the registration access token, each shown only here; <paramref name="registrationEndpoint"/> is the
    /// endpoint's absolute URL, under which each client's configuration URL is built.
    /// </summary>
    public ValueTask<OAuth2Result<OAuth2Client>> RegisterClientAsync(OAuth2Request request, Uri registrationEndpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(registrationEndpoint);
        return _registrationHandler is { } handler
            ? ObservedRegisterAsync(handler, request, registrationEndpoint, cancellationToken)
            : ValueTask.FromResult(RegistrationDisabled());
    }

    /// <summary>
    /// The client configuration endpoint (RFC 7592) at <c>{registrationEndpoint}/{clientId}</c>: <c>GET</c> reads,
    /// <c>PUT</c> replaces the metadata (rotating the registration access token), <c>DELETE</c> removes the client
    /// (204). A missing or wrong registration access token is 401 with <c>WWW-Authenticate: Bearer</c>.
    /// </summary>
    public ValueTask<OAuth2Result<OAuth2Client>> ManageClientAsync(OAuth2Request request, Uri registrationEndpoint, string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(registrationEndpoint);
        ArgumentNullException.ThrowIfNull(clientId);
        return _registrationHandler is { } handler
            ? ObservedManageClientAsync(handler, request, registrationEndpoint, clientId, cancellationToken)
            : ValueTask.FromResult(RegistrationDisabled());
    }

    private async ValueTask<OAuth2Result<OAuth2Client>> ObservedRegisterAsync(ClientRegistrationHandler handler, OAuth2Request request, Uri registrationEndpoint, CancellationToken cancellationToken)
    {
        var operation = request.Method == "POST" ? OAuth2Telemetry.RegistrationOperations.Create : OAuth2Telemetry.RegistrationOperations.Other;
        using var activity = OAuth2Telemetry.StartEndpoint("OAuth2 registration", OAuth2Telemetry.Endpoints.Registration);
        activity?.SetTag(OAuth2Telemetry.TagNames.RegistrationOperation, operation);
        var result = await handler.RegisterAsync(request, registrationEndpoint, cancellationToken).ConfigureAwait(false);
        await RecordRegistrationAsync(OAuth2Telemetry.Endpoints.Registration, operation, request, result, activity, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async ValueTask<OAuth2Result<OAuth2Client>> ObservedManageClientAsync(ClientRegistrationHandler handler, OAuth2Request request, Uri registrationEndpoint, string clientId, CancellationToken cancellationToken)
    {
        // The method, not the client id from the path, names the operation: a caller cannot mint new series.
        var operation = request.Method switch
        {
            "GET" => OAuth2Telemetry.RegistrationOperations.Read,
            "PUT" => OAuth2Telemetry.RegistrationOperations.Update,
            "DELETE" => OAuth2Telemetry.RegistrationOperations.Delete,
            _ => OAuth2Telemetry.RegistrationOperations.Other,
        };
        using var activity = OAuth2Telemetry.StartEndpoint("OAuth2 client_configuration", OAuth2Telemetry.Endpoints.ClientConfiguration);
        activity?.SetTag(OAuth2Telemetry.TagNames.RegistrationOperation, operation);
        var result = await handler.ManageAsync(request, registrationEndpoint, clientId, cancellationToken).ConfigureAwait(false);
        await RecordRegistrationAsync(OAuth2Telemetry.Endpoints.ClientConfiguration, operation, request, result, activity, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private ValueTask RecordRegistrationAsync(string endpoint, string operation, OAuth2Request request, OAuth2Result<OAuth2Client> result, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        if (result.Error is { } error)
        {
            return _telemetry.FailedAsync(endpoint, request, error, activity, cancellationToken);
        }

        _telemetry.RegistrationSucceeded(operation, result.Value!.Id, activity);
        return ValueTask.CompletedTask;
    }

    private OAuth2Result<OAuth2Client> RegistrationDisabled()
    {
        var error = new InvalidArgumentException("Invalid argument: dynamic client registration is not enabled (set `clientRegistration`)");
        return OAuth2Result<OAuth2Client>.Failure(ResponseWriter.Error(error, _options.Realm), error);
    }
}
