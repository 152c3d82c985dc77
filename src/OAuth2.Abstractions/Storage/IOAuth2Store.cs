namespace OAuth2.Storage;

/// <summary>A store that persists everything the server needs: what each storage package provides.</summary>
public interface IOAuth2Store : IClientStore, ITokenStore, IAuthorizationCodeStore, IDeviceAuthorizationStore;
