using Microsoft.Extensions.Options;
using OAuth2.Clients;
using OAuth2.Sample.Server.Configuration;
using OAuth2.Storage;

namespace OAuth2.Sample.Server.Startup;

/// <summary>
/// Saves the configured clients into the store before the server starts listening (in <c>StartingAsync</c>, ahead
/// of every hosted service's start), hashing their secrets first. A store that needs a schema or indexes gets them first.
/// </summary>
public sealed class ClientSeeder(IClientStore store, IOptions<SampleOptions> options, IConfiguration configuration) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (store is IStoreInitializer initializer)
        {
            await initializer.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        var iterations = configuration.GetValue("OAuth2:SecretHashIterations", Security.ClientSecretHasher.Pbkdf2Iterations);
        foreach (var configured in options.Value.Clients)
        {
            OAuth2Client client = ClientRegistration.ToClient(configured, iterations);
            await store.SaveClientAsync(client, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
