namespace OAuth2.Errors;

/// <summary>
/// <c>unapproved_software_statement</c> (400, RFC 7591 section 3.2.2): the request carries a software statement this
/// server does not accept (it accepts none: signed statements need a trust framework the library does not have).
/// </summary>
public sealed class UnapprovedSoftwareStatementException : OAuth2Exception
{
    public const string Code = "unapproved_software_statement";

    public UnapprovedSoftwareStatementException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Unapproved software statement", innerException)
    {
    }
}
