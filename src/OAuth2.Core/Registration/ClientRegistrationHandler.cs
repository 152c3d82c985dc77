using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using OAuth2.Clients;
using OAuth2.Diagnostics;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Model;
using OAuth2.Scopes;
using OAuth2.Security;
using OAuth2.Storage;

namespace OAuth2.Registration;

/// <summary>
/// Dynamic client registration (RFC 7591) and the client configuration endpoint (RFC 7592). Generated client ids,
/// secrets and registration access tokens are 256-bit CSPRNG values; the secret and the registration access token
/// are stored only as SHA-256 hashes (<see cref="ClientSecretHasher.HashGeneratedSecret"/>), so each is shown once,
/// in the response that issues it. The registration access token rotates on every update.
/// </summary>
internal sealed class ClientRegistrationHandler
{
    private readonly IClientModel _clients;
    private readonly IClientRegistrationModel _store;
    private readonly IClientRegistrationPolicy? _policy;
    private readonly ClientRegistrationOptions _options;
    private readonly OAuth2ServerOptions _server;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly byte[][] _initialAccessTokenDigests;
    private readonly string _dummyHash = ClientSecretHasher.CreateDummyHash(0);

    public ClientRegistrationHandler(IClientModel clients, IClientRegistrationModel store, IClientRegistrationPolicy? policy, OAuth2ServerOptions server, TimeProvider time, ILogger logger)
    {
        _clients = clients;
        _store = store;
        _policy = policy;
        _server = server;
        _options = server.ClientRegistration!;
        _time = time;
        _logger = logger;
        _initialAccessTokenDigests = [.. _options.InitialAccessTokenHashes.Select(ParseDigest)];
        if (_options.MaxRedirectUris < 1 || _options.MaxListLength < 1 || _options.MaxRequestBytes < 256)
        {
            throw new InvalidArgumentException("Invalid argument: `clientRegistration` limits must allow at least one redirect URI, one list entry and 256 bytes");
        }

        if (_options.ClientSecretLifetime is { } lifetime && (lifetime < TimeSpan.FromSeconds(1) || lifetime > MaxSecretLifetime))
        {
            throw new InvalidArgumentException("Invalid argument: `clientRegistration.clientSecretLifetime` must be at least one second and at most 100 years");
        }
    }

    private static readonly TimeSpan MaxSecretLifetime = TimeSpan.FromDays(36525);

    public async ValueTask<OAuth2Result<OAuth2Client>> RegisterAsync(OAuth2Request request, Uri endpoint, CancellationToken cancellationToken)
    {
        try
        {
            RequireMethod(request, "POST");
            AuthorizeRegistration(request);
            var metadata = ReadBody(request);
            var decision = ClientMetadataRules.Apply(metadata, _options, _server);
            var now = _time.GetUtcNow();
            var secret = decision.UsesSecret ? ClientSecretHasher.GenerateSecret() : null;
            var registrationToken = TokenGenerator.Generate();
            var properties = decision.Properties;
            properties[RegistrationProperties.ClientIdIssuedAt] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var proposed = ToClient(TokenGenerator.Generate(), decision, secret is null ? null : ClientSecretHasher.HashGeneratedSecret(secret), secret is null ? null : SecretExpiry(now), registrationToken);
            var client = await ApproveAsync(proposed, metadata, existing: null, request, cancellationToken).ConfigureAwait(false);
            await _store.SaveClientAsync(client, cancellationToken).ConfigureAwait(false);
            CoreLog.ClientRegistered(_logger, client.Id, decision.AuthMethod);
            var response = ResponseWriter.Json(201, Describe(client, endpoint, secret, registrationToken));
            return OAuth2Result<OAuth2Client>.Success(response, client);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failure(e);
        }
    }

    public async ValueTask<OAuth2Result<OAuth2Client>> ManageAsync(OAuth2Request request, Uri endpoint, string clientId, CancellationToken cancellationToken)
    {
        try
        {
            if (request.Method is not ("GET" or "PUT" or "DELETE"))
            {
                throw new InvalidRequestException("Invalid request: the client configuration endpoint accepts GET, PUT and DELETE");
            }

            var presented = BearerToken(request);
            var existing = await AuthenticateAsync(clientId, presented, cancellationToken).ConfigureAwait(false);
            switch (request.Method)
            {
                case "GET":
                    return OAuth2Result<OAuth2Client>.Success(ResponseWriter.Json(200, Describe(existing, endpoint, secret: null, presented)), existing);
                case "DELETE":
                    await DeleteAsync(existing.Id, cancellationToken).ConfigureAwait(false);
                    var deleted = new OAuth2Response { StatusCode = 204 };
                    ResponseWriter.NoStore(deleted);
                    return OAuth2Result<OAuth2Client>.Success(deleted, existing);
                default:
                    return await UpdateAsync(request, endpoint, existing, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failure(e);
        }
    }

    /// <summary>
    /// RFC 7592 section 2.3: the client goes, and its tokens with it. Tokens first: if removing the client then fails,
    /// the caller gets an error and can retry with the same registration access token, and no token of the client is
    /// left usable meanwhile (the reverse order could leave a removed client whose tokens still work, with no
    /// registration access token left to retry). A second pass after the removal takes what a token request that
    /// authenticated the client just before it saved in between. It narrows that window without closing it: a request
    /// that authenticated before the removal and saves after the second pass keeps its token until the token expires
    /// (closing it would cost a client read on every token save).
    /// </summary>
    private async ValueTask DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        var revoked = await _store.RevokeTokensOfClientAsync(clientId, cancellationToken).ConfigureAwait(false);
        await _store.RemoveClientAsync(clientId, cancellationToken).ConfigureAwait(false);
        CoreLog.RegisteredClientDeleted(_logger, clientId);
        revoked += await _store.RevokeTokensOfClientAsync(clientId, cancellationToken).ConfigureAwait(false);
        CoreLog.DeletedClientTokensRevoked(_logger, clientId, revoked);
    }

    /// <summary>
    /// RFC 7592 section 2.2: the body replaces every metadata field; it must name the client's own id, and a
    /// <c>client_secret</c> in it must be the current one. A confidential client keeps its secret (not shown again)
    /// unless it must be renewed (<see cref="MustRenewSecret"/>): then, as RFC 7592 section 2.2 allows, the response
    /// carries a new secret with a fresh <c>client_secret_expires_at</c> and the old one stops working. One that
    /// becomes confidential gets a new secret; one that becomes public loses it. The registration access token
    /// rotates: the one presented stops working.
    /// </summary>
    private async ValueTask<OAuth2Result<OAuth2Client>> UpdateAsync(OAuth2Request request, Uri endpoint, OAuth2Client existing, CancellationToken cancellationToken)
    {
        var metadata = ReadBody(request);
        if (!string.Equals(metadata.ClientId, existing.Id, StringComparison.Ordinal))
        {
            throw Mismatch("the body must carry the client's own `client_id`");
        }

        if (metadata.ClientSecret is { } presentedSecret && !ClientSecretHasher.Verify(presentedSecret, existing.SecretHash))
        {
            throw Mismatch("`client_secret` is not the client's current secret");
        }

        var decision = ClientMetadataRules.Apply(metadata, _options, _server);
        string? secret = null;
        string? secretHash = null;
        DateTimeOffset? secretExpiresAt = null;
        if (decision.UsesSecret)
        {
            var now = _time.GetUtcNow();
            if (existing.SecretHash is null || MustRenewSecret(existing, now))
            {
                secret = ClientSecretHasher.GenerateSecret();
                secretHash = ClientSecretHasher.HashGeneratedSecret(secret);
                secretExpiresAt = SecretExpiry(now);
            }
            else
            {
                secretHash = existing.SecretHash;
                secretExpiresAt = existing.ClientSecretExpiresAt;
            }
        }

        if (existing.Properties.TryGetValue(RegistrationProperties.ClientIdIssuedAt, out var issuedAt))
        {
            decision.Properties[RegistrationProperties.ClientIdIssuedAt] = issuedAt;
        }

        var registrationToken = TokenGenerator.Generate();
        var proposed = ToClient(existing.Id, decision, secretHash, secretExpiresAt, registrationToken);
        var client = await ApproveAsync(proposed, metadata, existing, request, cancellationToken).ConfigureAwait(false);
        await _store.SaveClientAsync(client, cancellationToken).ConfigureAwait(false);
        CoreLog.RegisteredClientUpdated(_logger, client.Id);
        if (secret is not null && existing.SecretHash is not null)
        {
            CoreLog.RegisteredClientSecretRenewed(_logger, client.Id);
        }

        return OAuth2Result<OAuth2Client>.Success(ResponseWriter.Json(200, Describe(client, endpoint, secret, registrationToken)), client);

        static InvalidClientMetadataException Mismatch(string what)
            => new($"Invalid client metadata: {what}") { ErrorId = ErrorIds.ClientIdentityMismatch };
    }

    /// <summary>
    /// Whether an update issues a new secret: the current one has expired, or a lifetime is configured and the
    /// secret has less than a quarter of it left, or has no expiry at all (registered before the lifetime was set),
    /// so a client that updates now and then never meets an expired secret and every secret ends up bounded.
    /// </summary>
    private bool MustRenewSecret(OAuth2Client existing, DateTimeOffset now)
    {
        var expiresAt = existing.ClientSecretExpiresAt;
        if (expiresAt is { } expiry && now >= expiry)
        {
            return true;
        }

        if (_options.ClientSecretLifetime is not { } lifetime)
        {
            return false;
        }

        return expiresAt is not { } due || due - now < lifetime / 4;
    }

    /// <summary>When a secret issued at <paramref name="now"/> expires: whole seconds, so <c>client_secret_expires_at</c> states it exactly.</summary>
    private DateTimeOffset? SecretExpiry(DateTimeOffset now)
        => _options.ClientSecretLifetime is { } lifetime ? DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds()) : null;

    private async ValueTask<OAuth2Client> ApproveAsync(OAuth2Client proposed, ClientMetadata metadata, OAuth2Client? existing, OAuth2Request request, CancellationToken cancellationToken)
    {
        if (_policy is null)
        {
            return proposed;
        }

        var context = new ClientRegistrationContext { Client = proposed, Metadata = metadata.Members, Existing = existing, Request = request };
        var approved = await _policy.ApproveRegistrationAsync(context, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidClientMetadataException("Invalid client metadata: refused by the registration policy") { ErrorId = ErrorIds.RegistrationRefusedByPolicy };

        // The policy may narrow what is saved, not change who the client is or how it proves it.
        return approved with
        {
            Id = proposed.Id,
            Type = proposed.Type,
            SecretHash = proposed.SecretHash,
            ClientSecretExpiresAt = proposed.ClientSecretExpiresAt,
            TokenEndpointAuthMethod = proposed.TokenEndpointAuthMethod,
            Jwks = proposed.Jwks,
            RegistrationAccessTokenHash = proposed.RegistrationAccessTokenHash,
        };
    }

    private static OAuth2Client ToClient(string id, ClientMetadataRules.Decision decision, string? secretHash, DateTimeOffset? secretExpiresAt, string registrationToken) => new()
    {
        Id = id,
        Type = decision.IsPublic ? ClientType.Public : ClientType.Confidential,
        SecretHash = secretHash,
        RedirectUris = decision.RedirectUris,
        Grants = decision.Grants,
        Scopes = decision.Scopes,
        RequirePkce = true,
        Properties = decision.Properties,
        TokenEndpointAuthMethod = decision.AuthMethod,
        Jwks = decision.Jwks,
        RegistrationAccessTokenHash = ClientSecretHasher.HashGeneratedSecret(registrationToken),
        ClientSecretExpiresAt = secretExpiresAt,
    };

    /// <summary>The client information response (RFC 7591 section 3.2.1, RFC 7592 section 3).</summary>
    private static Dictionary<string, object?> Describe(OAuth2Client client, Uri endpoint, string? secret, string registrationToken)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["client_id"] = client.Id,
        };
        if (secret is not null)
        {
            body["client_secret"] = secret;
        }

        if (client.Properties.TryGetValue(RegistrationProperties.ClientIdIssuedAt, out var issuedAt) && long.TryParse(issuedAt, System.Globalization.CultureInfo.InvariantCulture, out var issued))
        {
            body["client_id_issued_at"] = issued;
        }

        if (client.SecretHash is not null)
        {
            // RFC 7591 section 3.2.1: 0 means the secret does not expire.
            body["client_secret_expires_at"] = client.ClientSecretExpiresAt?.ToUnixTimeSeconds() ?? 0L;
        }

        body["registration_access_token"] = registrationToken;
        body["registration_client_uri"] = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(client.Id)).AbsoluteUri;
        body["redirect_uris"] = client.RedirectUris.ToArray();
        body["token_endpoint_auth_method"] = client.TokenEndpointAuthMethod
            ?? (client.Type == ClientType.Public ? ClientMetadataRules.None : ClientMetadataRules.ClientSecretBasic);
        if (client.Jwks is { } jwks)
        {
            using var document = System.Text.Json.JsonDocument.Parse(jwks);
            body["jwks"] = document.RootElement.Clone();
        }
        body["grant_types"] = client.Grants.ToArray();
        body["response_types"] = (client.Properties.GetValueOrDefault(RegistrationProperties.ResponseTypes) ?? string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (client.Scopes is { } scopes)
        {
            body["scope"] = ScopeParser.Format(scopes);
        }

        foreach (var name in ClientMetadata.TextMembers)
        {
            if (client.Properties.TryGetValue(name, out var value))
            {
                body[name] = value;
            }
        }

        if (client.Properties.TryGetValue(RegistrationProperties.Contacts, out var contacts))
        {
            body["contacts"] = RegistrationProperties.FromJsonArray(contacts);
        }

        return body;
    }

    /// <summary>
    /// The registration access token must match the client's stored hash (constant time). An unknown client, one not
    /// registered dynamically and a wrong token get the same 401 after the same work, so the answer reveals nothing.
    /// </summary>
    private async ValueTask<OAuth2Client> AuthenticateAsync(string clientId, string presented, CancellationToken cancellationToken)
    {
        var client = string.IsNullOrEmpty(clientId) || clientId.Length > _server.MaxParameterLength
            ? null
            : await _clients.GetClientAsync(clientId, cancellationToken).ConfigureAwait(false);
        var valid = ClientSecretHasher.Verify(presented, client?.RegistrationAccessTokenHash ?? _dummyHash);
        if (client?.RegistrationAccessTokenHash is null || !valid || !string.Equals(client.Id, clientId, StringComparison.Ordinal))
        {
            throw new InvalidTokenException("Invalid token: the registration access token is not valid for this client")
            {
                ErrorId = ErrorIds.RegistrationAccessTokenInvalid,
            };
        }

        return client;
    }

    /// <summary>RFC 7591 section 3: open registration, or an initial access token whose digest is configured (compared in constant time, every digest).</summary>
    private void AuthorizeRegistration(OAuth2Request request)
    {
        if (_options.AllowOpenRegistration)
        {
            return;
        }

        var presented = BearerToken(request);
        var digest = TokenDigest.Compute(presented);
        var matched = false;
        foreach (var configured in _initialAccessTokenDigests)
        {
            matched |= CryptographicOperations.FixedTimeEquals(digest.Bytes, configured);
        }

        if (!matched)
        {
            throw new InvalidTokenException("Invalid token: the initial access token is not valid") { ErrorId = ErrorIds.InitialAccessTokenInvalid };
        }
    }

    private ClientMetadata ReadBody(OAuth2Request request)
    {
        var type = request.ContentType;
        var media = type is null ? null : (type.IndexOf(';', StringComparison.Ordinal) is var semicolon and >= 0 ? type[..semicolon] : type).Trim();
        if (!string.Equals(media, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException("Invalid request: the body must be application/json") { ErrorId = ErrorIds.InvalidParameter };
        }

        return ClientMetadata.Parse(request.Body, _options, _server.MaxParameterLength);
    }

    /// <summary><c>Authorization: Bearer token68</c>; absent (or another scheme) is a 401 without an error code (RFC 6750 section 3.1).</summary>
    private static string BearerToken(OAuth2Request request)
    {
        var header = request.GetHeader("Authorization");
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnauthorizedRequestException("Unauthorized request: a bearer token is required");
        }

        var token = header[7..].Trim(' ');
        if (token.Length == 0 || token.Length > 1024 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/' or '='))
        {
            throw new InvalidTokenException("Invalid token: malformed bearer token") { ErrorId = ErrorIds.InitialAccessTokenInvalid };
        }

        return token;
    }

    private static void RequireMethod(OAuth2Request request, string method)
    {
        if (!string.Equals(request.Method, method, StringComparison.Ordinal))
        {
            throw new InvalidRequestException($"Invalid request: the registration endpoint accepts only {method}");
        }
    }

    private OAuth2Result<OAuth2Client> Failure(Exception exception)
    {
        // A 5xx is logged once, with its cause, by the telemetry the server records every exit with.
        var error = ErrorTranslator.Translate(exception);
        if (error is not ServerErrorException)
        {
            CoreLog.RegistrationRefused(_logger, error.Error, error.ErrorId);
        }

        OAuth2Response response;
        if (error is UnauthorizedRequestException)
        {
            response = new OAuth2Response { StatusCode = 401 };
            ResponseWriter.NoStore(response);
            response.Headers["WWW-Authenticate"] = $"Bearer realm=\"{_server.Realm}\"";
        }
        else
        {
            response = ResponseWriter.Error(error, _server.Realm);
            if (error is InvalidTokenException)
            {
                response.Headers["WWW-Authenticate"] = $"Bearer realm=\"{_server.Realm}\", error=\"invalid_token\"";
            }
        }

        return OAuth2Result<OAuth2Client>.Failure(response, error);
    }

    private static byte[] ParseDigest(string hex)
    {
        try
        {
            var bytes = Convert.FromHexString(hex?.Trim() ?? string.Empty);
            if (bytes.Length == TokenDigest.Length)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidArgumentException("Invalid argument: every `clientRegistration.initialAccessTokenHashes` entry must be a SHA-256 digest in hexadecimal (64 characters)");
    }
}
