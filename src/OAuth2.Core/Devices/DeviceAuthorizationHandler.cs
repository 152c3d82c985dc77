using OAuth2.Errors;
using OAuth2.Grants;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Model;
using OAuth2.Security;
using OAuth2.Tokens;

namespace OAuth2.Devices;

/// <summary>
/// The device authorization endpoint (RFC 8628 section 3.1-3.2): the client authenticates as at the token endpoint
/// (public clients by <c>client_id</c>), and gets a device code, a user code and where the user enters it.
/// </summary>
internal sealed class DeviceAuthorizationHandler(
    IDeviceAuthorizationModel model,
    ClientAuthenticator authenticator,
    OAuth2ServerOptions options,
    TimeProvider timeProvider)
{
    /// <summary>Draws of a fresh user code before giving up; a collision needs billions of live codes.</summary>
    private const int UserCodeAttempts = 5;

    public async ValueTask<OAuth2Result<IssuedDeviceAuthorization>> HandleAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        try
        {
            var (issued, body) = await HandleCoreAsync(request, cancellationToken).ConfigureAwait(false);
            return OAuth2Result<IssuedDeviceAuthorization>.Success(ResponseWriter.Json(200, body), issued);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var error = ErrorTranslator.Translate(e);
            return OAuth2Result<IssuedDeviceAuthorization>.Failure(ResponseWriter.Error(error, options.Realm), error);
        }
    }

    private async ValueTask<(IssuedDeviceAuthorization, Dictionary<string, object?>)> HandleCoreAsync(OAuth2Request request, CancellationToken cancellationToken)
    {
        RequestGuard.RequireFormPost(request, options.MaxParameterLength);
        var credentials = ClientAuthenticator.ExtractCredentials(request, options.MaxParameterLength);

        var client = await authenticator.AuthenticateAsync(credentials, ClientAuthenticationPurpose.DeviceAuthorization, cancellationToken).ConfigureAwait(false);
        if (!client.Grants.ContainsOrdinal(GrantTypes.DeviceCode))
        {
            throw new UnauthorizedClientException("Unauthorized client: this client may not use the device grant");
        }

        var scope = Scopes.ScopeParser.Parse(request.Form.GetSingle("scope"));
        if (client.Scopes is not null && !Scopes.ScopeParser.IsSubset(scope, client.Scopes))
        {
            throw new InvalidScopeException("Invalid scope: Requested scope is invalid");
        }

        var resources = Resources.ResourceIndicators.Parse(request.Form, options);
        Resources.ResourceIndicators.RequireRegistered(resources, client);

        var now = timeProvider.GetUtcNow();
        var deviceCode = TokenGenerator.Generate();
        var authorization = new DeviceAuthorization
        {
            ClientId = client.Id,
            Scope = scope,
            IssuedAt = now,
            ExpiresAt = now + options.DeviceCodeLifetime,
            RetainUntil = now + options.DeviceCodeLifetime + options.DeviceCodeLifetime,
            GrantId = TokenIssuer.NewGrantId(),
            PollingIntervalSeconds = (int)options.DevicePollingInterval.TotalSeconds,
            Resources = resources,
        };

        string? userCode = null;
        for (var attempt = 0; attempt < UserCodeAttempts && userCode is null; attempt++)
        {
            var candidate = UserCode.Generate();
            if (await model.SaveDeviceAuthorizationAsync(deviceCode, candidate, authorization, cancellationToken).ConfigureAwait(false))
            {
                userCode = candidate;
            }
        }

        if (userCode is null)
        {
            throw new ServerErrorException("Server error: no free user code could be drawn, try again later");
        }

        var display = UserCode.Format(userCode);
        var verificationUri = options.DeviceVerificationUri!;
        var body = new Dictionary<string, object?>(6, StringComparer.Ordinal)
        {
            ["device_code"] = deviceCode,
            ["user_code"] = display,
            ["verification_uri"] = verificationUri,
            ["verification_uri_complete"] = ResponseWriter.AppendQuery(verificationUri, [new("user_code", display)]),
            ["expires_in"] = (long)options.DeviceCodeLifetime.TotalSeconds,
            ["interval"] = (long)authorization.PollingIntervalSeconds,
        };
        var issued = new IssuedDeviceAuthorization
        {
            ClientId = client.Id,
            UserCode = display,
            Scope = scope,
            ExpiresAt = authorization.ExpiresAt,
            GrantId = authorization.GrantId,
        };
        return (issued, body);
    }
}
