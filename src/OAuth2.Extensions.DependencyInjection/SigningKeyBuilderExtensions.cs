using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OAuth2;
using OAuth2.DependencyInjection;
using OAuth2.Jwt;
using OAuth2.Jwt.Rotation;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Where the JWT access tokens' signing keys come from: fixed keys (<c>.AddSigningKeys(configuration)</c>) or keys
/// generated, sealed and rotated in the registered store (<c>.AddPersistedSigningKeys()</c>). Set
/// <see cref="OAuth2ServerOptions.JwtAccessTokens"/> with its issuer and audience and no key; the keys are filled in here.
/// </summary>
public static class SigningKeyBuilderExtensions
{
    /// <summary>
    /// The one registration every overload ends in: the server signs and validates with the provider
    /// <paramref name="factory"/> builds (a singleton), replacing any earlier key registration.
    /// </summary>
    public static OAuth2ServerBuilder AddSigningKeys(this OAuth2ServerBuilder builder, Func<IServiceProvider, IJwtSigningKeyProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAll<IJwtSigningKeyProvider>();
        builder.Services.AddSingleton(factory);
        builder.Services.AddOptions<OAuth2ServerOptions>().PostConfigure<IJwtSigningKeyProvider>((options, keys) =>
        {
            var jwt = options.JwtAccessTokens
                ?? throw new InvalidOperationException("Signing keys are registered but JWT access tokens are off: set OAuth2ServerOptions.JwtAccessTokens (issuer and audience, no key).");
            if (jwt.SigningKey is not null || (jwt.SigningKeys is not null && !ReferenceEquals(jwt.SigningKeys, keys)))
            {
                throw new InvalidOperationException("JwtAccessTokens already has a signing key: configure keys either in the options or with AddSigningKeys/AddPersistedSigningKeys, not both.");
            }

            options.JwtAccessTokens = new JwtAccessTokenOptions
            {
                SigningKeys = keys,
                Issuer = jwt.Issuer,
                Audience = jwt.Audience,
                CheckRevocation = jwt.CheckRevocation,
            };
        });
        return builder;
    }

    /// <summary>A fixed key set built in code.</summary>
    public static OAuth2ServerBuilder AddSigningKeys(this OAuth2ServerBuilder builder, JwtSigningKeySet keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return builder.AddSigningKeys(_ => keys);
    }

    /// <summary>
    /// Fixed keys loaded from files named in configuration: <c>Active</c> (required), <c>Next</c> and <c>Retired</c>
    /// (lists), each <c>{ "Path", "Password", "KeyPath", "KeyId", "Algorithm" }</c>; see <see cref="SigningKeyFile"/>.
    /// Keys are loaded when the server is first resolved, so a missing or wrong file fails start-up.
    /// </summary>
    public static OAuth2ServerBuilder AddSigningKeys(this OAuth2ServerBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddSigningKeys(_ =>
        {
            var files = configuration.Get<SigningKeyFiles>()
                ?? throw new InvalidOperationException("The signing key configuration section is empty: it needs at least Active:Path.");
            var active = files.Active?.Load() ?? throw new InvalidOperationException("The signing key configuration needs Active:Path.");
            return new JwtSigningKeySet(active, files.Next.Select(f => f.Load()), files.Retired.Select(f => f.Load()));
        });
    }

    /// <summary>
    /// Keys generated and rotated in the registered <see cref="ISigningKeyStore"/> (the storage package's; in-process
    /// when the storage keeps none), sealed by the registered <see cref="ISigningKeyProtector"/>. Without a protector
    /// the server refuses to start: ASP.NET Core hosts call <c>AddDataProtectedSigningKeys()</c> instead, other hosts
    /// register e.g. an <see cref="AesGcmSigningKeyProtector"/>.
    /// </summary>
    public static OAuth2ServerBuilder AddPersistedSigningKeys(this OAuth2ServerBuilder builder, Action<SigningKeyRotationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SigningKeyRotationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<ISigningKeyStore, InMemorySigningKeyStore>();
        return builder.AddSigningKeys(sp => new PersistedSigningKeyProvider(
            sp.GetRequiredService<ISigningKeyStore>(),
            sp.GetService<ISigningKeyProtector>() ?? throw new InvalidOperationException(
                "AddPersistedSigningKeys needs an ISigningKeyProtector, so private keys are never stored in the clear: in ASP.NET Core call AddDataProtectedSigningKeys(); elsewhere register one (e.g. new AesGcmSigningKeyProtector(secret from a vault))."),
            sp.GetRequiredService<IOptions<SigningKeyRotationOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(PersistedSigningKeyProvider).FullName!)));
    }

    /// <summary>Persisted keys with the rotation schedule bound from configuration (<c>RotationInterval</c>, <c>PublishAhead</c>, <c>RetiredKeyRetention</c>, <c>RefreshInterval</c>, <c>Algorithm</c>).</summary>
    public static OAuth2ServerBuilder AddPersistedSigningKeys(this OAuth2ServerBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<SigningKeyRotationOptions>().Bind(configuration);
        return builder.AddPersistedSigningKeys(configure: null);
    }
}

/// <summary>The fixed keys of <c>AddSigningKeys(IConfiguration)</c>.</summary>
public sealed class SigningKeyFiles
{
    /// <summary>The key that signs.</summary>
    public SigningKeyFile? Active { get; set; }

    /// <summary>Keys published ahead of use (publish them for longer than resource servers cache the JWKS before making one active).</summary>
    public IList<SigningKeyFile> Next { get; } = [];

    /// <summary>Keys that only validate; remove one once the longest access-token lifetime has passed since it retired.</summary>
    public IList<SigningKeyFile> Retired { get; } = [];
}

/// <summary>One key file: a PEM private key, a PFX/PKCS#12, or a PEM certificate with its key.</summary>
public sealed class SigningKeyFile
{
    /// <summary>The file: <c>.pem</c>/<c>.key</c> (PKCS#8, SEC 1, PKCS#1, encrypted PKCS#8), <c>.pfx</c>/<c>.p12</c>, or a PEM certificate.</summary>
    public string? Path { get; set; }

    /// <summary>The password of an encrypted PEM key or a PFX (from a secret store, not from appsettings.json).</summary>
    public string? Password { get; set; }

    /// <summary>The PEM private key of a PEM certificate in <see cref="Path"/>, when it is in a separate file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The <c>kid</c>; the RFC 7638 JWK thumbprint when empty.</summary>
    public string? KeyId { get; set; }

    /// <summary><c>ES256</c> (EC keys), <c>RS256</c> (the RSA default) or <c>PS256</c>.</summary>
    public string? Algorithm { get; set; }

    internal JwtSigningKey Load()
    {
        if (string.IsNullOrEmpty(Path))
        {
            throw new InvalidOperationException("A signing key entry has no Path.");
        }

        return JwtSigningKeyLoader.FromFile(Path, Password, KeyPath, string.IsNullOrEmpty(KeyId) ? null : KeyId, string.IsNullOrEmpty(Algorithm) ? null : Algorithm);
    }
}
