using NSubstitute;
using OAuth2.Clients;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Model;
using OAuth2.Security;

namespace OAuth2.Core.Tests.Handlers;

/// <summary>
/// An unknown client id must cost what a wrong secret for a real client costs, or response time tells an attacker
/// which ids exist. Cost is counted through the verification seam (which hash, at which work factor), never timed.
/// </summary>
public sealed class UnknownClientCostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class CountingVerifier
    {
        public List<string?> StoredHashes { get; } = [];

        public bool Verify(string presented, string? storedHash)
        {
            StoredHashes.Add(storedHash);
            return false;
        }

        public IEnumerable<int> WorkFactors => StoredHashes.Select(ClientSecretHasher.GetWorkFactor);
    }

    private static (ClientAuthenticator Authenticator, CountingVerifier Verifier) Create(OAuth2ServerOptions options, params OAuth2Client[] clients)
    {
        var model = Substitute.For<IClientModel>();
        model.GetClientAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(ci => clients.FirstOrDefault(c => c.Id == ci.ArgAt<string>(0)));
        var verifier = new CountingVerifier();
        return (new ClientAuthenticator(model, options, verifier.Verify), verifier);
    }

    private static OAuth2Client Chosen(string id, int iterations) => new()
    {
        Id = id,
        SecretHash = ClientSecretHasher.HashChosenSecret("the-real-secret", iterations),
        Grants = [GrantTypes.ClientCredentials],
    };

    private static async Task<InvalidClientException> FailAsync(ClientAuthenticator authenticator, string id, string? secret)
        => await Assert.ThrowsAsync<InvalidClientException>(
            () => authenticator.AuthenticateAsync(new ClientCredentials(id, secret, UsedBasic: true), GrantTypes.ClientCredentials, Ct).AsTask());

    [Theory]
    [InlineData(1_000)]
    [InlineData(31_337)]
    public async Task Unknown_client_spends_one_verification_at_the_configured_pbkdf2_cost_like_a_wrong_secret(int iterations)
    {
        var (authenticator, verifier) = Create(new OAuth2ServerOptions { SecretHashIterations = iterations }, Chosen("known", iterations));

        var wrongSecret = await FailAsync(authenticator, "known", "wrong");
        var wrongCost = verifier.WorkFactors.ToList();
        verifier.StoredHashes.Clear();
        var unknown = await FailAsync(authenticator, "unknown", "wrong");

        Assert.Equal([iterations], wrongCost);
        Assert.Equal(wrongCost, verifier.WorkFactors.ToList());
        Assert.StartsWith("pbkdf2-sha256$", verifier.StoredHashes.Single(), StringComparison.Ordinal);
        Assert.Equal(wrongSecret.Description, unknown.Description);
        Assert.Equal(wrongSecret.StatusCode, unknown.StatusCode);
    }

    [Fact]
    public async Task By_default_the_dummy_costs_the_default_pbkdf2_iterations()
    {
        var (authenticator, verifier) = Create(new OAuth2ServerOptions());
        await FailAsync(authenticator, "unknown", "secret");
        Assert.Equal([ClientSecretHasher.Pbkdf2Iterations], verifier.WorkFactors.ToList());
    }

    [Fact]
    public async Task With_generated_secrets_only_the_dummy_is_one_sha256_like_theirs()
    {
        var generated = new OAuth2Client { Id = "known", SecretHash = ClientSecretHasher.HashGeneratedSecret("x"), Grants = [GrantTypes.ClientCredentials] };
        var (authenticator, verifier) = Create(new OAuth2ServerOptions { SecretHashIterations = 0 }, generated);

        await FailAsync(authenticator, "known", "wrong");
        await FailAsync(authenticator, "unknown", "wrong");
        Assert.Equal([1, 1], verifier.WorkFactors.ToList());
        Assert.All(verifier.StoredHashes, h => Assert.StartsWith("sha256$", h, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_more_expensive_stored_hash_raises_the_dummy_cost_to_match()
    {
        var (authenticator, verifier) = Create(new OAuth2ServerOptions { SecretHashIterations = 1_000 }, Chosen("strong", 5_000));

        await FailAsync(authenticator, "strong", "wrong");
        verifier.StoredHashes.Clear();
        await FailAsync(authenticator, "unknown", "wrong");
        Assert.Equal([5_000], verifier.WorkFactors.ToList());
    }

    [Fact]
    public async Task Without_a_secret_neither_path_hashes()
    {
        var (authenticator, verifier) = Create(new OAuth2ServerOptions { SecretHashIterations = 1_000 });
        await FailAsync(authenticator, "unknown", null);
        Assert.Empty(verifier.StoredHashes);
    }

    [Fact]
    public void Dummy_hashes_are_well_formed_and_match_no_secret()
    {
        var dummy = ClientSecretHasher.CreateDummyHash(1_000);
        Assert.Equal(1_000, ClientSecretHasher.GetWorkFactor(dummy));
        Assert.False(ClientSecretHasher.Verify(string.Empty, dummy));
        Assert.False(ClientSecretHasher.Verify("timing-equaliser", dummy));
        Assert.NotEqual(dummy, ClientSecretHasher.CreateDummyHash(1_000));
        Assert.Equal(1, ClientSecretHasher.GetWorkFactor(ClientSecretHasher.CreateDummyHash(0)));
        Assert.Equal(0, ClientSecretHasher.GetWorkFactor("md5$abc"));
        Assert.Equal(0, ClientSecretHasher.GetWorkFactor(null));
    }
}
