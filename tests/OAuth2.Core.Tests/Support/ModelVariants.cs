using OAuth2.Model;

namespace OAuth2.Core.Tests.Support;

/// <summary>A full model that also verifies scopes itself (node's <c>verifyScope</c>).</summary>
public interface IScopeVerifyingModel : IFullModel, IScopeVerifier;

/// <summary>A full model that also decides granted scopes (node's <c>validateScope</c>).</summary>
public interface IScopeValidatingModel : IFullModel, IScopeValidator;

/// <summary>A full model that validates redirect URIs itself (node's <c>validateRedirectUri</c>).</summary>
public interface IRedirectValidatingModel : IFullModel, IRedirectUriValidator;

/// <summary>A full model that checks client secrets itself.</summary>
public interface ISecretValidatingModel : IFullModel, IClientSecretValidator;

/// <summary>A full model that generates token and code values itself.</summary>
public interface IGeneratingModel : IFullModel, ITokenValueGenerator;

/// <summary>A full model that disclaims capabilities through <see cref="IModelCapabilities"/>.</summary>
public interface IDisclaimingModel : IFullModel, IModelCapabilities;
