using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Storage;

namespace OAuth2.Core.Tests.Errors;

/// <summary>The error classes, their codes and statuses, description sanitising, and the translator.</summary>
public sealed class ErrorModelTests
{
    public static TheoryData<OAuth2Exception, string, int> Errors => new()
    {
        { new AccessDeniedException(), "access_denied", 400 },
        { new InsufficientScopeException(), "insufficient_scope", 403 },
        { new InvalidArgumentException(), "invalid_argument", 500 },
        { new InvalidClientException(), "invalid_client", 401 },
        { new InvalidGrantException(), "invalid_grant", 400 },
        { new InvalidRequestException(), "invalid_request", 400 },
        { new InvalidScopeException(), "invalid_scope", 400 },
        { new InvalidTokenException(), "invalid_token", 401 },
        { new ServerErrorException(), "server_error", 503 },
        { new UnauthorizedClientException(), "unauthorized_client", 400 },
        { new UnauthorizedRequestException(), "unauthorized_request", 401 },
        { new UnsupportedGrantTypeException(), "unsupported_grant_type", 400 },
        { new UnsupportedResponseTypeException(), "unsupported_response_type", 400 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Each_error_has_its_code_status_and_a_default_description(OAuth2Exception error, string code, int status)
    {
        Assert.Equal(code, error.Error);
        Assert.Equal(status, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.Description));
        Assert.Matches(Expect.DescriptionCharset(), error.Description);
    }

    [Theory]
    [InlineData("quote \" here", "quote ? here")]
    [InlineData("back\\slash", "back?slash")]
    [InlineData("line\r\nbreak", "line??break")]
    [InlineData("caf\u00e9", "caf?")]
    [InlineData("tab\there", "tab?here")]
    [InlineData("fine: `x` (y) [z] {w} ~!", "fine: `x` (y) [z] {w} ~!")]
    public void Descriptions_are_kept_inside_the_rfc_character_set(string raw, string sanitised)
    {
        var error = new InvalidRequestException(raw);
        Assert.Equal(sanitised, error.Description);
        Assert.Matches(Expect.DescriptionCharset(), error.Description);
    }

    [Fact]
    public void Inner_exceptions_are_kept()
    {
        var inner = new FormatException("x");
        Assert.Same(inner, new InvalidClientException("d", inner).InnerException);
    }

    [Fact]
    public void Translator_passes_oauth_errors_through()
    {
        var error = new InvalidGrantException("g");
        Assert.Same(error, ErrorTranslator.Translate(error));
    }

    [Fact]
    public void Translator_maps_a_store_outage_to_503_with_a_clear_description()
    {
        var outage = new StorageUnavailableException("redis at 10.0.0.5:6379 refused");
        var error = ErrorTranslator.Translate(outage);
        Assert.IsType<ServerErrorException>(error);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal("Server error: the token store is unavailable, try again later", error.Description);
        Assert.Same(outage, error.InnerException);
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(NullReferenceException))]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(OperationCanceledException))]
    public void Translator_hides_other_exceptions(Type type)
    {
        var exception = (Exception)Activator.CreateInstance(type, "Password=hunter2")!;
        var error = ErrorTranslator.Translate(exception);
        Assert.Equal("server_error", error.Error);
        Assert.DoesNotContain("hunter2", error.Description, StringComparison.Ordinal);
        Assert.Same(exception, error.InnerException);
    }

    [Fact]
    public void Invalid_argument_goes_on_the_wire_as_a_500_server_error()
        => Assert.Equal(("server_error", 500), ErrorTranslator.Wire(new InvalidArgumentException()));

    [Fact]
    public void Other_errors_go_on_the_wire_as_they_are()
        => Assert.Equal(("invalid_scope", 400), ErrorTranslator.Wire(new InvalidScopeException()));

    [Fact]
    public async Task A_model_exception_at_the_token_endpoint_becomes_server_error_without_its_message()
    {
        var h = new Harness();
        h.Model.GetClientAsync("c1", Arg.Any<CancellationToken>()).Returns<ValueTask<Clients.OAuth2Client?>>(_ => throw new InvalidOperationException("db password hunter2"));
        var result = await h.TokenAsync("grant_type=client_credentials");
        Expect.TokenError(result, "server_error", 503);
        Assert.Equal("Server error: the request could not be processed", result.Error!.Description);
        Assert.IsType<InvalidOperationException>(result.Error.InnerException);
    }

    [Fact]
    public async Task A_store_outage_at_the_token_endpoint_is_503_with_a_clear_description()
    {
        var h = new Harness();
        h.Model.GetClientAsync("c1", Arg.Any<CancellationToken>()).Returns<ValueTask<Clients.OAuth2Client?>>(_ => throw new StorageUnavailableException());
        var result = await h.TokenAsync("grant_type=client_credentials");
        Expect.TokenError(result, "server_error", 503);
        Assert.Contains("unavailable", result.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_with_a_cancelled_token_propagates_from_the_token_endpoint()
    {
        var h = new Harness();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        h.Model.GetClientAsync("c1", Arg.Any<CancellationToken>()).Returns<ValueTask<Clients.OAuth2Client?>>(_ => throw new OperationCanceledException(cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => h.Server.TokenAsync(Requests.Token("grant_type=client_credentials", Requests.Basic("c1", TestClients.Secret)), cts.Token).AsTask());
    }

    [Fact]
    public async Task Cancellation_exception_without_cancellation_is_a_server_error()
    {
        var h = new Harness();
        h.Model.GetClientAsync("c1", Arg.Any<CancellationToken>()).Returns<ValueTask<Clients.OAuth2Client?>>(_ => throw new TaskCanceledException("driver timeout"));
        var result = await h.TokenAsync("grant_type=client_credentials");
        Expect.TokenError(result, "server_error", 503);
    }
}
