using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using OAuth2.Storage;

namespace OAuth2.Throttling;

/// <summary>
/// The failed-attempt keys: a kind prefix and the base64url SHA-256 of the identifier (and, for the per-address key,
/// the remote address). Hashing keeps every key at 50 printable ASCII characters whatever the input (usernames are
/// Unicode and may be long), keeps usernames out of the counter backend, and makes a key impossible to forge into
/// another's: the input is length-free but separated by a byte no UTF-8 text contains.
/// </summary>
internal static class ThrottleKeys
{
    /// <summary>Every key's length: a 7-character prefix and 43 base64url characters, well under <see cref="IFailedAttemptStore.MaxKeyLength"/>.</summary>
    public const int KeyLength = 7 + 43;

    public static string Total(AuthenticationSubject subject, string identifier) => Build(subject, perAddress: false, identifier, null, 128);

    public static string PerAddress(AuthenticationSubject subject, string identifier, IPAddress? address, int ipv6PrefixLength)
        => Build(subject, perAddress: true, identifier, address, ipv6PrefixLength);

    private static string Build(AuthenticationSubject subject, bool perAddress, string identifier, IPAddress? address, int ipv6PrefixLength)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(identifier.Length) + 1 + 16;
        byte[]? rented = null;
        var input = maxBytes <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(identifier, input);
            if (perAddress)
            {
                // 0xFF never occurs in UTF-8, so no identifier can run on into the address part.
                input[length++] = 0xFF;
                length += WriteAddress(AddressGrouping.Normalize(address, ipv6PrefixLength), input[length..]);
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(input[..length], hash);
            var prefix = (subject, perAddress) switch
            {
                (AuthenticationSubject.Client, true) => "fa:c:a:",
                (AuthenticationSubject.Client, false) => "fa:c:t:",
                (_, true) => "fa:u:a:",
                _ => "fa:u:t:",
            };
            Span<char> key = stackalloc char[KeyLength];
            prefix.CopyTo(key);
            Base64Url.EncodeToChars(hash, key[prefix.Length..]);
            return new string(key);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int WriteAddress(IPAddress? address, Span<byte> destination)
    {
        // No address (a test host, a Unix socket): every such caller shares one key, which fails safe.
        return address is not null && address.TryWriteBytes(destination, out var written) ? written : 0;
    }
}
