using System.Security.Cryptography;
using System.Text;

namespace OAuth2.Core.Tests.Registration;

/// <summary>What every registration test configures the same way: the endpoint and one initial access token.</summary>
internal static class RegistrationTestKit
{
    /// <summary>The initial access token the tests present; the server is given only <see cref="InitialTokenHash"/>.</summary>
    public const string InitialToken = "initial-access-token-for-tests-0123456789";

    public static readonly Uri Endpoint = new("https://as.example.com/register");

    /// <summary>The SHA-256 hex digest of <see cref="InitialToken"/>, as <c>InitialAccessTokenHashes</c> holds it.</summary>
    public static readonly string InitialTokenHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(InitialToken)));
}
