using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OAuth2.AspNetCore.SigningKeys;
using OAuth2.DependencyInjection;
using OAuth2.Jwt.Rotation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddOAuth2Server(…).AddRedisStorage(…).AddDataProtectedSigningKeys()</c>.</summary>
public static class OAuth2ServerBuilderSigningKeyExtensions
{
    /// <summary>
    /// Persisted, rotating signing keys (<c>AddPersistedSigningKeys</c>) sealed by ASP.NET Core Data Protection, unless
    /// another <see cref="ISigningKeyProtector"/> is registered. Share and persist the Data Protection key ring across
    /// instances: a key sealed by one instance must open on every other.
    /// </summary>
    public static OAuth2ServerBuilder AddDataProtectedSigningKeys(this OAuth2ServerBuilder builder, Action<SigningKeyRotationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection();
        builder.Services.TryAddSingleton<ISigningKeyProtector, DataProtectionSigningKeyProtector>();
        return builder.AddPersistedSigningKeys(configure);
    }

    /// <summary>As <see cref="AddDataProtectedSigningKeys(OAuth2ServerBuilder, Action{SigningKeyRotationOptions}?)"/>, with the rotation schedule bound from configuration.</summary>
    public static OAuth2ServerBuilder AddDataProtectedSigningKeys(this OAuth2ServerBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddDataProtection();
        builder.Services.TryAddSingleton<ISigningKeyProtector, DataProtectionSigningKeyProtector>();
        return builder.AddPersistedSigningKeys(configuration);
    }
}
