using CsCheck;
using OAuth2.Core.Tests.Support;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Properties;

/// <summary>Checklist 3.3 and 5.2: a protected resource answers success, 400, 401 or 403, always with a clean challenge.</summary>
public sealed class AuthenticateEndpointProperties
{
    private const string Token = "mF_9.B5f-4.1JqM";

    private static readonly Gen<string?> Authorization = Gen.Frequency<string?>(
        (3, Gen.Const<string?>(() => null)),
        (3, Gen.OneOfConst<string?>("Bearer " + Token, "bearer " + Token, "Bearer  " + Token, "Bearer expired", "Bearer unknown", "Bearer abc==", "Bearer a=b", "Bearer", "Basic abc", "BearerX")),
        (3, Generators.Value.Select(v => (string?)("Bearer " + v))),
        (1, Generators.Value.Select(v => (string?)v)));

    private static readonly Gen<string[]?> RequiredScope = Gen.OneOfConst<string[]?>(null, [], ["read"], ["write"], ["read", "write"]);

    private static readonly Gen<(OAuth2Request Request, string[]? Scope, bool QueryTokens)> Request =
        Gen.Select(Gen.OneOfConst("GET", "POST", "PUT"), Generators.ContentType, Authorization, Generators.Parameters(["access_token", "access_token", "foo"]), Generators.Parameters(["access_token", "foo"]), RequiredScope, Gen.Bool)
            .Select((method, contentType, authorization, form, query, scope, queryTokens) => (
                new OAuth2Request
                {
                    Method = method,
                    Headers = Generators.HeadersOf(contentType, authorization),
                    Form = Generators.Collection(form.Count % 2 == 0 ? form : [.. form, new("access_token", Token)]),
                    Query = Generators.Collection(query),
                },
                scope,
                queryTokens));

    [Fact]
    public async Task Random_resource_requests_get_a_valid_rfc6750_answer()
    {
        var plain = new Harness();
        var queries = new Harness();
        queries.Options.AllowBearerTokensInQueryString = true;
        foreach (var h in new[] { plain, queries })
        {
            h.AddAccessToken(Token);
            h.AddAccessToken("expired", h.NewAccessToken() with { ExpiresAt = Harness.Start.AddSeconds(-1) });
            _ = h.Server;
        }

        var seen = new HashSet<int>();
        await Request.SampleAsync(
            async sample =>
            {
                var h = sample.QueryTokens ? queries : plain;
                var result = await h.Server.AuthenticateAsync(sample.Request, sample.Scope, Harness.Ct);
                var response = result.Response;
                seen.Add(response.StatusCode);
                if (result.Succeeded)
                {
                    Assert.Equal(200, response.StatusCode);
                    Assert.False(response.Headers.ContainsKey("WWW-Authenticate"));
                    return;
                }

                var challenge = response.Headers["WWW-Authenticate"];
                Assert.StartsWith("Bearer realm=\"Service\"", challenge, StringComparison.Ordinal);
                Assert.DoesNotContain('\r', challenge);
                Assert.DoesNotContain('\n', challenge);
                Assert.Matches("^[\\x20-\\x7E]*$", challenge);
                var expected = response.StatusCode switch
                {
                    400 => "invalid_request",
                    401 => response.Body is null ? null : "invalid_token",
                    403 => "insufficient_scope",
                    _ => "unexpected status " + response.StatusCode,
                };
                Assert.Equal(expected, (string?)response.Body?["error"]);
                if (expected is null)
                {
                    Assert.Equal("Bearer realm=\"Service\"", challenge);
                }
                else
                {
                    Assert.Contains($"error=\"{expected}\"", challenge, StringComparison.Ordinal);
                    Assert.Matches(Expect.DescriptionCharset(), (string)response.Body!["error_description"]!);
                }
            },
            iter: 3000,
            threads: 1,
            print: s => Generators.Show(s.Request));
        Assert.Superset(new HashSet<int> { 200, 400, 401, 403 }, seen);
    }
}
