using CsCheck;
using OAuth2.Core.Tests.Support;
using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Properties;

/// <summary>
/// Checklist 3.2 and 5.3: the authorization endpoint answers with a redirect to a registered URI (a code or an
/// allowed error) or a shown 400, and a Location never points anywhere else.
/// </summary>
public sealed class AuthorizeEndpointProperties
{
    private static readonly HashSet<string> RedirectErrors = new(StringComparer.Ordinal)
    {
        "invalid_request", "unauthorized_client", "access_denied", "unsupported_response_type", "invalid_scope",
    };

    private static readonly HashSet<string> ShownErrors = new(StringComparer.Ordinal) { "invalid_request", "invalid_client" };

    private static readonly string[] Names =
    [
        "response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method", "allowed", "foo",
    ];

    private static readonly Gen<string> ClientId = Gen.Frequency(
        (6, Gen.OneOfConst(TestClients.All.Select(c => c.Id).ToArray())),
        (1, Gen.OneOfConst("unknown", "C1", "c1 ")),
        (1, Generators.Value));

    private static readonly Gen<string?> RedirectUri = Gen.Frequency<string?>(
        (4, Gen.Const<string?>(() => null)),
        (4, Gen.OneOfConst<string?>([.. TestClients.All.SelectMany(c => c.RedirectUris).Distinct()])),
        (2, Gen.OneOfConst<string?>(
            "https://client.example.com/cb/", "https://CLIENT.example.com/cb", "https://client.example.com@evil.com/cb", "http://127.0.0.1:5000/cb",
            "http://[::1]:1234/cb", "http://127.0.0.1:5000/cb2", "https://client.example.com/cb#x", "https://client.example.com/cb?tenant=a&x=1", "/cb")),
        (1, Generators.Value.Select(v => (string?)v)));

    private static readonly Gen<string> ResponseType = Gen.Frequency((6, Gen.Const("code")), (1, Gen.OneOfConst("token", "CODE", "code token")), (1, Generators.Value));

    private static readonly Gen<string?> State = Gen.Frequency<string?>(
        (5, Gen.OneOfConst<string?>("xyz", "a b+c&d%", "<script>", "%0d%0a")), (1, Gen.Const<string?>(() => null)), (2, Generators.Value.Select(v => (string?)v)));

    private static readonly Gen<string?> PkceChallenge = Gen.Frequency<string?>(
        (3, Gen.Const<string?>(Generators.Challenge)), (2, Gen.Const<string?>(() => null)), (1, Generators.Value.Select(v => (string?)v)));

    private static readonly Gen<(OAuth2Request Request, bool WithUser)> Request =
        Gen.Select(Gen.OneOfConst("GET", "GET", "POST", "PUT"), ClientId, RedirectUri, ResponseType, State, PkceChallenge, Generators.Parameters(Names), Gen.Bool)
            .Select((method, clientId, redirectUri, responseType, state, challenge, extra, withUser) =>
            {
                var pairs = new List<KeyValuePair<string, string>> { new("response_type", responseType), new("client_id", clientId) };
                if (redirectUri is not null)
                {
                    pairs.Add(new("redirect_uri", redirectUri));
                }

                if (state is not null)
                {
                    pairs.Add(new("state", state));
                }

                if (challenge is not null)
                {
                    pairs.Add(new("code_challenge", challenge));
                    pairs.Add(new("code_challenge_method", "S256"));
                }

                pairs.AddRange(extra.Take(extra.Count / 2));
                var parameters = ParameterCollection.From(pairs);
                var request = method == "GET"
                    ? new OAuth2Request { Method = method, Query = parameters }
                    : new OAuth2Request { Method = method, Form = parameters, Headers = Generators.HeadersOf(Requests.Form, null) };
                return (request, withUser || extra.Count % 4 != 0);
            });

    /// <summary>The part of a Location before the parameters the server appended.</summary>
    private static string BaseOf(string location)
    {
        foreach (var marker in new[] { "?code=", "&code=", "?error=", "&error=" })
        {
            var index = location.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0)
            {
                return location[..index];
            }
        }

        Assert.Fail("Location without code or error: " + location);
        return location;
    }

    internal static void AssertAuthorizeResponse<T>(OAuth2Request request, OAuth2Result<T> result, HashSet<string>? seen = null)
        where T : class
    {
        var response = result.Response;
        var location = response.RedirectLocation;
        if (location is not null)
        {
            Assert.Equal(location, response.Headers["Location"]);
            Assert.Contains(response.StatusCode, new[] { 302, 303 });
            Assert.DoesNotContain('\r', location);
            Assert.DoesNotContain('\n', location);
            var clientId = (request.Method == "GET" ? request.Query : request.Form).GetAll("client_id")[0];
            var client = TestClients.All.Single(c => c.Id == clientId);
            Assert.True(RedirectUriMatcher.Matches(BaseOf(location), client), $"{location} is not registered for {clientId}");
            var query = Requests.QueryOf(location);
            Assert.Equal(Harness.Issuer, query.GetSingle("iss"));
            if (result.Succeeded)
            {
                Assert.NotNull(query.GetSingle("code"));
                seen?.Add("success");
            }
            else
            {
                var error = query.GetSingle("error")!;
                Assert.Contains(error, RedirectErrors);
                Assert.Matches(Expect.DescriptionCharset(), query.GetSingle("error_description")!);
                Assert.Null(query.GetSingle("code"));
                seen?.Add("redirect:" + error);
            }

            return;
        }

        if (result.Succeeded)
        {
            // Validation only: nothing issued, nothing redirected yet.
            Assert.IsType<AuthorizationRequest>(result.Value);
            Assert.Equal(200, response.StatusCode);
            seen?.Add("validated");
            return;
        }

        Assert.Equal(400, response.StatusCode);
        var shown = (string)response.Body!["error"]!;
        Assert.Contains(shown, ShownErrors);
        Assert.Matches(Expect.DescriptionCharset(), (string)response.Body["error_description"]!);
        Assert.False(response.Headers.ContainsKey("WWW-Authenticate"));
        seen?.Add("shown:" + shown);
    }

    [Fact]
    public async Task Random_authorization_requests_redirect_only_to_registered_uris_with_allowed_errors()
    {
        var h = new Harness();
        _ = h.Server;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await Request.SampleAsync(
            async sample =>
            {
                var result = await h.Server.AuthorizeAsync(sample.Request, sample.WithUser ? Harness.Alice : null, Harness.Ct);
                AssertAuthorizeResponse(sample.Request, result, seen);
            },
            iter: 3000,
            threads: 1,
            print: s => Generators.Show(s.Request));
        Assert.Superset(
            new HashSet<string> { "success", "shown:invalid_request", "shown:invalid_client", "redirect:invalid_request", "redirect:access_denied", "redirect:unsupported_response_type", "redirect:unauthorized_client" },
            seen);
    }

    [Fact]
    public async Task Random_validation_requests_obey_the_same_rules()
    {
        var h = new Harness();
        _ = h.Server;
        await Request.SampleAsync(
            async sample => AssertAuthorizeResponse(sample.Request, await h.Server.ValidateAuthorizeRequestAsync(sample.Request, Harness.Ct)),
            iter: 1000,
            threads: 1,
            print: s => Generators.Show(s.Request));
    }
}
