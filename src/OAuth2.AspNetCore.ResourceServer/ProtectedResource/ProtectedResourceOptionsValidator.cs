using Microsoft.Extensions.Options;

namespace OAuth2.AspNetCore.ResourceServer.ProtectedResource;

/// <summary>Fails start-up with every problem of the options named, rather than at the first challenge.</summary>
internal sealed class ProtectedResourceOptionsValidator : IValidateOptions<OAuth2ProtectedResourceOptions>
{
    public ValidateOptionsResult Validate(string? name, OAuth2ProtectedResourceOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
