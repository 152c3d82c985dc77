using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OAuth2.Sample.Server.Configuration;

namespace OAuth2.Sample.Server.Users;

/// <summary>
/// The demo users from configuration. Usernames and passwords are compared as SHA-256 digests in constant time,
/// and every user is checked, so the answer time says nothing about which part was wrong.
/// </summary>
public sealed class UserDirectory
{
    private readonly IReadOnlyList<(byte[] Username, byte[] Password, OAuth2User User)> _users;

    public UserDirectory(IOptions<SampleOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _users = [.. options.Value.Users
            .Where(u => !string.IsNullOrEmpty(u.Username))
            .Select(u => (Digest(u.Username), Digest(u.Password), new OAuth2User(string.IsNullOrEmpty(u.Id) ? u.Username : u.Id)
            {
                Properties = new Dictionary<string, string>(u.Properties, StringComparer.Ordinal) { ["username"] = u.Username },
            }))];
    }

    /// <summary>The user with these credentials, or <c>null</c>.</summary>
    public OAuth2User? Validate(string? username, string? password)
    {
        var name = Digest(username ?? string.Empty);
        var secret = Digest(password ?? string.Empty);
        OAuth2User? match = null;
        foreach (var (userDigest, passwordDigest, user) in _users)
        {
            var ok = CryptographicOperations.FixedTimeEquals(name, userDigest) & CryptographicOperations.FixedTimeEquals(secret, passwordDigest);
            if (ok)
            {
                match = user;
            }
        }

        return match;
    }

    /// <summary>The user named <paramref name="username"/> without a password: for an assertion a trusted issuer vouched for.</summary>
    public OAuth2User? Find(string username)
    {
        var name = Digest(username);
        OAuth2User? match = null;
        foreach (var (userDigest, _, user) in _users)
        {
            if (CryptographicOperations.FixedTimeEquals(name, userDigest))
            {
                match = user;
            }
        }

        return match;
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
