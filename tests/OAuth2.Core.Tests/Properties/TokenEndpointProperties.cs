using CsCheck;
using OAuth2.Core.Tests.Support;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Properties;

/// <summary>Checklist 5.1/5.3: whatever reaches the token endpoint, the answer is a token or an allowed OAuth error.</summary>
public sealed class TokenEndpointProperties
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope",
    };

    private static readonly string[] Names =
    [
        "grant_type", "grant_type", "client_id", "client_secret", "code", "code_verifier", "redirect_uri", "refresh_token",
        "scope", "username", "password", "code_challenge_method", "foo",
    ];

    private static readonly Gen<string> GrantType = Gen.Frequency(
        (6, Gen.OneOfConst("client_credentials", "authorization_code", "refresh_token", "password")),
        (1, Gen.OneOfConst("urn:example:unknown", "Client_Credentials", "implicit", "a b", "/x")),
        (1, Generators.Value));

    /// <summary>Valid requests for each grant, to be mutated so that samples reach deep into the grants.</summary>
    private static readonly KeyValuePair<string, string>[][] Templates =
    [
        [new("grant_type", "client_credentials"), new("scope", "read")],
        [new("grant_type", "password"), new("username", "alice"), new("password", "pw"), new("scope", "read")],
        [new("grant_type", "authorization_code"), new("code", "code1"), new("code_verifier", Generators.Verifier)],
        [new("grant_type", "refresh_token"), new("refresh_token", "rt1"), new("scope", "read")],
    ];

    private static readonly Gen<OAuth2Request> Mutated =
        Gen.Select(Gen.Int[0, Templates.Length - 1], Gen.Int[0, 3], Gen.Int[0, 2], Generators.Value, Gen.Bool)
            .Select((template, index, mutation, value, basic) =>
            {
                var pairs = Templates[template].ToList();
                var at = index % pairs.Count;
                switch (mutation)
                {
                    case 0:
                        pairs[at] = new(pairs[at].Key, value);
                        break;
                    case 1:
                        pairs.RemoveAt(at);
                        break;
                    default:
                        pairs.Add(new(pairs[at].Key, value));
                        break;
                }

                if (!basic)
                {
                    pairs.Add(new("client_id", "c1"));
                    pairs.Add(new("client_secret", TestClients.Secret));
                }

                return Requests.Token(string.Empty, basic ? Requests.Basic("c1", TestClients.Secret) : null) with { Form = Generators.Collection(pairs) };
            });

    private static readonly Gen<OAuth2Request> Random =
        Gen.Select(Generators.Method, Generators.ContentType, Generators.Authorization, GrantType, Generators.Parameters(Names), Generators.Parameters(["client_secret", "client_id", "foo"]).Null(0.8))
            .Select((method, contentType, authorization, grantType, pairs, query) => new OAuth2Request
            {
                Method = method,
                Headers = Generators.HeadersOf(contentType, authorization),
                Form = Generators.Collection([new("grant_type", grantType), .. pairs.Where(p => p.Key != "grant_type" || pairs.Count % 3 == 0)]),
                Query = query is null ? ParameterCollection.Empty : Generators.Collection(query),
            });

    private static readonly Gen<OAuth2Request> Request = Gen.Frequency((1, Random), (1, Mutated));

    private static Harness NewHarness()
    {
        var h = new Harness();
        h.AddCode("code1", h.NewCode() with { CodeChallenge = Generators.Challenge, CodeChallengeMethod = "S256" });
        h.AddRefreshToken("rt1");
        _ = h.Server;
        return h;
    }

    internal static void AssertTokenResponse(OAuth2Result<Tokens.Token> result)
    {
        var response = result.Response;
        Expect.NoStore(response);
        Assert.NotNull(response.Body);
        if (result.Succeeded)
        {
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("Bearer", response.Body["token_type"]);
            Assert.Matches("^[A-Za-z0-9\\-._~+/]+=*$", (string)response.Body["access_token"]!);
            return;
        }

        var error = (string)response.Body["error"]!;
        Assert.Contains(error, Allowed);
        Assert.InRange(response.StatusCode, 400, 499);
        Assert.Matches(Expect.DescriptionCharset(), (string)response.Body["error_description"]!);
        Assert.False(response.Body.ContainsKey("access_token"));
        if (response.StatusCode == 401)
        {
            Assert.Equal("invalid_client", error);
            Assert.Equal("Basic realm=\"Service\"", response.Headers["WWW-Authenticate"]);
        }
    }

    [Fact]
    public async Task Random_requests_get_a_token_or_an_allowed_4xx_error_with_no_store()
    {
        var h = NewHarness();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await Request.SampleAsync(
            async request =>
            {
                var result = await h.Server.TokenAsync(request, Harness.Ct);
                AssertTokenResponse(result);
                seen.Add(result.Error?.Error ?? "success");
            },
            iter: 3000,
            threads: 1,
            print: Generators.Show);

        // The generator must reach deep enough to exercise the grants, not only the request-shape checks.
        Assert.Superset(new HashSet<string> { "success", "invalid_request", "invalid_client", "invalid_grant", "unsupported_grant_type", "invalid_scope" }, seen);
    }

    [Fact]
    public async Task Random_form_bodies_that_decode_are_answered_like_any_other()
    {
        var h = NewHarness();
        var raw = Gen.Frequency((3, Generators.PrintableString), (1, Generators.AnyString)).Select(s => "grant_type=client_credentials&" + s);
        await raw.SampleAsync(
            async body =>
            {
                ParameterCollection form;
                try
                {
                    form = FormUrlEncoding.Parse(body);
                }
                catch (OAuth2.Errors.InvalidRequestException)
                {
                    return;
                }

                var request = Requests.Token(string.Empty, Requests.Basic("c1", TestClients.Secret)) with { Form = form };
                AssertTokenResponse(await h.Server.TokenAsync(request, Harness.Ct));
            },
            iter: 2000,
            threads: 1);
    }

    [Fact]
    public async Task Any_repeated_parameter_of_a_valid_request_is_invalid_request()
    {
        var h = NewHarness();
        KeyValuePair<string, string>[] valid =
        [
            new("grant_type", "password"), new("username", "alice"), new("password", "pw"), new("scope", "read"), new("client_id", "c1"), new("client_secret", TestClients.Secret),
        ];
        var gen = Gen.Select(Gen.Int[0, valid.Length - 1], Generators.Value, Gen.Bool);
        await gen.SampleAsync(
            async (index, value, sameValue) =>
            {
                var copy = new KeyValuePair<string, string>(valid[index].Key, sameValue ? valid[index].Value : value);
                var request = Requests.Token(string.Empty) with { Form = Generators.Collection([.. valid, copy]) };
                var result = await h.Server.TokenAsync(request, Harness.Ct);
                Expect.TokenError(result, "invalid_request");
            },
            iter: 500,
            threads: 1);
    }

    [Fact]
    public async Task Valid_requests_succeed_whatever_unknown_parameters_ride_along()
    {
        var h = NewHarness();
        var extra = Gen.Select(Generators.PrintableString.Where(n => n.Length > 0 && !Names.Contains(n) && n != "access_token"), Generators.PrintableString, (n, v) => new KeyValuePair<string, string>("x-" + n, v)).List[0, 5];
        await extra.SampleAsync(
            async pairs =>
            {
                if (pairs.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count() != pairs.Count)
                {
                    return;
                }

                var request = Requests.Token(string.Empty, Requests.Basic("c1", TestClients.Secret)) with
                {
                    Form = Generators.Collection([new("grant_type", "client_credentials"), .. pairs]),
                };
                var result = await h.Server.TokenAsync(request, Harness.Ct);
                Assert.True(result.Succeeded, result.Error?.Description);
            },
            iter: 500,
            threads: 1);
    }
}
