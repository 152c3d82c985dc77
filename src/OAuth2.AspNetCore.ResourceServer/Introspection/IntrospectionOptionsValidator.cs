using Microsoft.Extensions.Options;

namespace OAuth2.AspNetCore.ResourceServer.Introspection;

/// <summary>Fails start-up with every problem of a scheme's options named (with <c>ValidateOnStart</c>).</summary>
internal sealed class IntrospectionOptionsValidator(string scheme) : IValidateOptions<OAuth2IntrospectionOptions>
{
    public ValidateOptionsResult Validate(string? name, OAuth2IntrospectionOptions options)
    {
        if (!string.Equals(name, scheme, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = options.Problems().Select(p => $"{scheme}: {p}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
