namespace OAuth2.Storage.InMemory;

/// <summary>A user code's entry: the device code it belongs to, kept as long as that device authorization is retained.</summary>
internal sealed record UserCodeEntry(TokenDigest DeviceCodeDigest, long RetainUntilUtcTicks)
{
    public bool IsExpired(long nowUtcTicks) => nowUtcTicks >= RetainUntilUtcTicks;
}
