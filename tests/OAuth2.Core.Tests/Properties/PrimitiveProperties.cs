using CsCheck;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Pkce;
using OAuth2.Scopes;

namespace OAuth2.Core.Tests.Properties;

/// <summary>Properties of the building blocks: decoding, scopes, descriptions, Basic credentials, PKCE.</summary>
public sealed class PrimitiveProperties
{
    private static readonly Gen<string> Unreserved = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"].Array[43, 128].Select(a => new string(a));

    private static readonly Gen<string> VsChar = Gen.Char['\x20', '\x7E'].Array[1, 40].Select(a => new string(a));

    [Fact]
    public void Descriptions_always_match_the_rfc_character_set()
        => Generators.Value.Sample(
            raw =>
            {
                Assert.Matches(Expect.DescriptionCharset(), new InvalidRequestException(raw).Description);
                Assert.Matches(Expect.DescriptionCharset(), new InvalidGrantException(raw).Description);
            },
            iter: 5000);

    [Fact]
    public void Form_decoding_either_yields_clean_text_or_invalid_request()
        => Generators.Value.Sample(
            raw =>
            {
                string decoded;
                try
                {
                    decoded = FormUrlEncoding.Decode(raw);
                }
                catch (InvalidRequestException)
                {
                    return;
                }

                Assert.DoesNotContain(decoded, c => char.IsControl(c) && c != '\t');
            },
            iter: 5000);

    [Fact]
    public void Form_encoding_round_trips_text_without_controls()
        => Gen.String.Where(s => !s.Any(c => (char.IsControl(c) && c != '\t') || char.IsSurrogate(c))).Sample(
            s => Assert.Equal(s, FormUrlEncoding.Decode(FormUrlEncoding.Encode(s))),
            iter: 5000);

    [Fact]
    public void Scopes_parse_to_distinct_nqchar_tokens_or_invalid_scope()
        => Generators.Value.Sample(
            raw =>
            {
                IReadOnlyList<string> scope;
                try
                {
                    scope = ScopeParser.Parse(raw);
                }
                catch (InvalidScopeException)
                {
                    return;
                }

                Assert.Equal(scope.Count, scope.Distinct(StringComparer.Ordinal).Count());
                Assert.All(scope, t => Assert.Matches("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$", t));
                Assert.Equal(scope, ScopeParser.Parse(ScopeParser.Format(scope)));
            },
            iter: 5000);

    [Fact]
    public void Basic_credentials_encoded_per_rfc6749_decode_to_what_was_encoded()
        => Gen.Select(VsChar, VsChar).Sample(
            (id, secret) =>
            {
                var request = Requests.Token("grant_type=client_credentials", Requests.Basic(id, secret));
                var credentials = ClientAuthenticator.ExtractCredentials(request);
                Assert.Equal(id, credentials.ClientId);
                Assert.Equal(secret, credentials.ClientSecret);
                Assert.True(credentials.UsedBasic);
            },
            iter: 3000);

    [Fact]
    public void Basic_headers_of_any_bytes_give_credentials_or_an_oauth_error()
        => Gen.Byte.Array[0, 40].Sample(
            bytes =>
            {
                var request = Requests.Token("grant_type=client_credentials", "Basic " + Convert.ToBase64String(bytes));
                try
                {
                    var credentials = ClientAuthenticator.ExtractCredentials(request);
                    Assert.True(ParameterRules.IsVsChar(credentials.ClientId));
                    Assert.True(credentials.ClientId.Length > 0);
                }
                catch (OAuth2Exception e)
                {
                    Assert.Contains(e.Error, new[] { "invalid_client", "invalid_request" });
                }
            },
            iter: 5000);

    [Fact]
    public void Every_well_formed_verifier_verifies_against_its_own_s256_challenge_only()
        => Gen.Select(Unreserved, Unreserved).Sample(
            (verifier, other) =>
            {
                Assert.True(PkceVerifier.IsWellFormed(verifier));
                var challenge = PkceVerifier.ComputeS256Challenge(verifier);
                Assert.True(PkceVerifier.IsWellFormed(challenge));
                Assert.True(PkceVerifier.Verify(verifier, challenge, PkceMethods.S256));
                Assert.Equal(verifier == other, PkceVerifier.Verify(other, challenge, PkceMethods.S256));
            },
            iter: 2000);

    [Fact]
    public void Redirect_matching_is_exact_apart_from_the_loopback_port()
        => Gen.Select(Generators.Value, Gen.Int[1, 65535]).Sample(
            (suffix, port) =>
            {
                Assert.Equal(suffix.Length == 0, RedirectUriMatcher.Matches(TestClients.RedirectUri + suffix, [TestClients.RedirectUri], loopbackPortMayVary: true));
                Assert.True(RedirectUriMatcher.Matches($"http://127.0.0.1:{port}/cb", ["http://127.0.0.1/cb"], loopbackPortMayVary: true));
                Assert.Equal(port == 8080, RedirectUriMatcher.Matches($"http://127.0.0.1:{port}/cb", ["http://127.0.0.1:8080/cb"], loopbackPortMayVary: false));
                Assert.False(RedirectUriMatcher.Matches($"http://localhost:{port}/cb", ["http://localhost/cb"], loopbackPortMayVary: true));
            },
            iter: 2000);
}
