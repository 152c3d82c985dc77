using OAuth2.Model;

namespace OAuth2.Core.Tests.Support;

/// <summary>Every model capability at once, so one substitute can stand in for a complete model.</summary>
public interface IFullModel :
    IClientModel,
    ITokenModel,
    IAccessTokenModel,
    IAuthorizationCodeModel,
    IRefreshTokenModel,
    IPasswordModel,
    IClientCredentialsModel;
