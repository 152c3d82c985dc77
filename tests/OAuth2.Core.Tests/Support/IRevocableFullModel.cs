using OAuth2.Model;

namespace OAuth2.Core.Tests.Support;

/// <summary>A complete model that can also revoke single access tokens (RFC 7009).</summary>
public interface IRevocableFullModel : IFullModel, ITokenRevocationModel;
