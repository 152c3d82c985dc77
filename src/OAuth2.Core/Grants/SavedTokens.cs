using OAuth2.Errors;
using OAuth2.Model;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// Saves an issued token through the model and checks what the model answered, once for every grant: the saved
/// token is what the client receives, so a model that loses it is a programming error, not a client's.
/// </summary>
internal static class SavedTokens
{
    public static async ValueTask<Token> SaveAsync(ITokenModel tokens, Token token, CancellationToken cancellationToken)
    {
        var saved = await tokens.SaveTokenAsync(token, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidArgumentException("Invalid argument: `SaveTokenAsync()` did not return a token");
        return string.IsNullOrEmpty(saved.AccessToken)
            ? throw new InvalidArgumentException("Missing parameter: `accessToken`")
            : saved;
    }
}
