using System.Net;
using System.Net.Sockets;

namespace OAuth2.Throttling;

/// <summary>
/// Which remote addresses count as one caller for limits: an IPv4 address (also when IPv4-mapped into IPv6) on its
/// own, an IPv6 address by its network prefix (a subscriber usually holds a whole /64, so single addresses would give
/// it 2^64 fresh starts).
/// </summary>
public static class AddressGrouping
{
    /// <summary>The address as counted; <c>null</c> stays <c>null</c>.</summary>
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
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(ipv6PrefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
