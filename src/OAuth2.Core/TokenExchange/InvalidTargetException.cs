using OAuth2.Errors;

namespace OAuth2.TokenExchange;

/// <summary>
/// <c>invalid_target</c> (400, RFC 8693 section 2.2.2 and RFC 8707 section 2): the client may not have a token for a
/// requested audience or resource.
/// </summary>
/// <remarks>
/// SEAM (issue #19): RFC 8707 <c>resource</c> handling is being added elsewhere; until it lands this narrow, internal
/// error serves token exchange only. Replace it with the shared one when that is merged.
/// </remarks>
internal sealed class ExchangeTargetException(string description) : OAuth2Exception(Code, 400, description)
{
    public const string Code = "invalid_target";
}
