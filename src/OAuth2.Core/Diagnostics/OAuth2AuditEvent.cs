namespace OAuth2.Diagnostics;

/// <summary>
/// One security-relevant thing the server did or saw, for a host's audit trail. Identifiers only (client, grant,
/// subject): never a token, code, secret or password, so a sink may write every field anywhere.
/// </summary>
/// <param name="Type">What happened.</param>
/// <param name="OccurredAt">When, by the server's clock.</param>
public sealed record OAuth2AuditEvent(OAuth2AuditEventType Type, DateTimeOffset OccurredAt)
{
    /// <summary>The client concerned; for a failed authentication, the id the request claimed (if any).</summary>
    public string? ClientId { get; init; }

    /// <summary>The grant (token family) concerned, when known.</summary>
    public string? GrantId { get; init; }

    /// <summary>The resource owner's id, when known.</summary>
    public string? SubjectId { get; init; }

    /// <summary>The grant type of a token request.</summary>
    public string? GrantType { get; init; }

    /// <summary>The endpoint that saw it: <c>token</c>, <c>revocation</c>, <c>introspection</c>, <c>device_authorization</c>.</summary>
    public string? Endpoint { get; init; }
}

/// <summary>The audit event types; new ones are only ever added.</summary>
public enum OAuth2AuditEventType
{
    /// <summary>The token endpoint issued tokens (any grant but refresh).</summary>
    TokenIssued,

    /// <summary>A refresh token was exchanged for new tokens.</summary>
    TokenRefreshed,

    /// <summary>A client revoked one of its tokens (RFC 7009).</summary>
    TokenRevoked,

    /// <summary>A rotated refresh token was presented again: likely stolen; its family was revoked unless within the leeway.</summary>
    RefreshTokenReuseDetected,

    /// <summary>A redeemed authorization code was presented again; the tokens issued from it were revoked.</summary>
    AuthorizationCodeReplayed,

    /// <summary>A client failed to authenticate (unknown client, wrong secret, malformed credentials).</summary>
    ClientAuthenticationFailed,
}
