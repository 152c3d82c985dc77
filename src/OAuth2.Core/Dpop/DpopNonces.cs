using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace OAuth2.Dpop;

/// <summary>
/// Server nonces (RFC 9449 section 8) without server state: a nonce is a time step and an HMAC of it under the
/// server's key, so any instance with the same key can check it, and nothing is stored per client.
/// </summary>
/// <remarks>
/// A nonce is accepted in its own step and the next one, so one handed out just before a step ends still works
/// for a full step. Nonces are not single use (the proof's <c>jti</c> is): they bound how far ahead a stolen key
/// holder can precompute proofs.
/// </remarks>
internal sealed class DpopNonces
{
    private const int StepBytes = 8;
    private const int MacBytes = 16;
    private static readonly byte[] Label = "OAuth2 DPoP nonce v1"u8.ToArray();

    private readonly byte[] _key;
    private readonly long _stepSeconds;
    private readonly TimeProvider _timeProvider;

    public DpopNonces(DpopOptions options, TimeProvider timeProvider)
    {
        _key = options.NonceKey is { } key ? Convert.FromBase64String(key) : RandomNumberGenerator.GetBytes(32);
        _stepSeconds = Math.Max(1, (long)options.NonceLifetime.TotalSeconds);
        _timeProvider = timeProvider;
    }

    /// <summary>The nonce of the current time step.</summary>
    public string Current() => Create(CurrentStep());

    /// <summary>Whether <paramref name="nonce"/> was made with this key in the current or the previous step.</summary>
    public bool IsValid(string? nonce)
    {
        if (nonce is null || nonce.Length != Base64Url.GetEncodedLength(StepBytes + MacBytes))
        {
            return false;
        }

        Span<byte> raw = stackalloc byte[StepBytes + MacBytes];
        if (!Base64Url.TryDecodeFromChars(nonce, raw, out var written) || written != raw.Length)
        {
            return false;
        }

        var step = BinaryPrimitives.ReadInt64BigEndian(raw);
        var current = CurrentStep();
        if (step != current && step != current - 1)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[32];
        Mac(step, mac);
        return CryptographicOperations.FixedTimeEquals(mac[..MacBytes], raw[StepBytes..]);
    }

    private long CurrentStep() => _timeProvider.GetUtcNow().ToUnixTimeSeconds() / _stepSeconds;

    private string Create(long step)
    {
        Span<byte> raw = stackalloc byte[StepBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(raw, step);
        Span<byte> mac = stackalloc byte[32];
        Mac(step, mac);
        mac[..MacBytes].CopyTo(raw[StepBytes..]);
        return Base64Url.EncodeToString(raw);
    }

    private void Mac(long step, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[Label.Length + StepBytes];
        Label.CopyTo(input);
        BinaryPrimitives.WriteInt64BigEndian(input[Label.Length..], step);
        HMACSHA256.HashData(_key, input, destination);
    }
}
