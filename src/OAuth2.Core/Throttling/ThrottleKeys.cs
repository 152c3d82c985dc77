using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
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

    /// <summary>The address as counted: IPv4 (also when IPv4-mapped) whole, IPv6 cut to its prefix; <c>null</c> stays <c>null</c>.</summary>
    public static IPAddress? Normalize(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || ipv6PrefixLength >= 128)
        {
            return address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        Mask(bytes, Math.Max(0, ipv6PrefixLength));
        return new IPAddress(bytes);
    }

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
                length += WriteAddress(Normalize(address, ipv6PrefixLength), input[length..]);
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

    private static void Mask(Span<byte> bytes, int prefixLength)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
    }
}
