namespace OAuth2.Handlers;

/// <summary>
/// The client credentials one request carries, and how it carried them. With a <c>private_key_jwt</c> assertion,
/// <c>ClientId</c> is the assertion's <c>sub</c> and there is no secret.
/// </summary>
internal readonly record struct ClientCredentials(string ClientId, string? ClientSecret, bool UsedBasic, ClientAssertions.ClientAssertion? Assertion = null);
