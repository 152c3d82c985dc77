using OAuth2.Security;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Nothing a client could present is at rest: the raw dump of the backend holds no token, code, refresh token or
/// client secret, in any common encoding. First the dump is shown to be real (it holds the ids and digests saved),
/// since an empty or unrelated dump would prove nothing.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Dump_HoldsNoPlaintextCredential()
    {
        var store = await NewStoreAsync();
        var generatedSecret = ClientSecretHasher.GenerateSecret();
        var chosenSecret = "Chosen-" + Guid.NewGuid().ToString("N");
        var machine = Data.Client() with { SecretHash = ClientSecretHasher.HashGeneratedSecret(generatedSecret) };
        var person = Data.Client() with { SecretHash = ClientSecretHasher.HashChosenSecret(chosenSecret, 1000) };
        await store.SaveClientAsync(machine, Ct);
        await store.SaveClientAsync(person, Ct);

        var access = Data.Credential();
        var refresh = Data.Credential();
        var rotatedAccess = Data.Credential();
        var rotatedRefresh = Data.Credential();
        var code = Data.Credential();
        var redeemedCode = Data.Credential();
        var grantId = Data.Id("grant");
        var accessToken = Data.AccessToken(grantId, machine.Id);
        await store.SaveTokensAsync(rotatedAccess.Digest, accessToken, rotatedRefresh.Digest, Data.RefreshTokenFor(accessToken), Ct);
        await store.RedeemRefreshTokenAsync(rotatedRefresh.Digest, Data.Now, Ct);
        await store.SaveTokensAsync(access.Digest, accessToken, refresh.Digest, Data.RefreshTokenFor(accessToken), Ct);
        await store.SaveAuthorizationCodeAsync(code.Digest, Data.Code(null, person.Id), Ct);
        await store.SaveAuthorizationCodeAsync(redeemedCode.Digest, Data.Code(grantId, machine.Id), Ct);
        await store.RedeemAuthorizationCodeAsync(redeemedCode.Digest, Data.Now, Ct);

        var dump = await Fixture.DumpAsync(store, Ct);
        if (dump is null)
        {
            Assert.Skip("The fixture provides no raw dump (StoreFixture.DumpAsync returned null).");
            return;
        }

        Assert.True(dump.Contains(machine.Id, StringComparison.Ordinal) && dump.Contains(person.Id, StringComparison.Ordinal), "The raw dump does not hold the saved clients, so it cannot show their absence of secrets.");
        foreach (var (what, credential) in new[]
                 {
                     ("access token", access), ("refresh token", refresh), ("rotated access token", rotatedAccess),
                     ("rotated refresh token", rotatedRefresh), ("authorization code", code), ("redeemed authorization code", redeemedCode),
                 })
        {
            Assert.True(DumpScanner.FindBytes(dump, credential.Digest.Bytes) is not null, $"The raw dump does not show the digest of the {what}, so it cannot show the absence of its value.");
            var form = DumpScanner.FindValue(dump, credential.Value);
            Assert.True(form is null, $"The raw dump holds the plaintext {what} ({form}).");
        }

        foreach (var (what, secret) in new[] { ("generated client secret", generatedSecret), ("chosen client secret", chosenSecret) })
        {
            var form = DumpScanner.FindValue(dump, secret);
            Assert.True(form is null, $"The raw dump holds the plaintext {what} ({form}).");
        }
    }
}
