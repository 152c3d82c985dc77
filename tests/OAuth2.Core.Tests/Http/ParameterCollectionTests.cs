using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Http;

/// <summary>The multi-valued collection that lets handlers refuse repeated parameters.</summary>
public sealed class ParameterCollectionTests
{
    private static ParameterCollection Of(params (string Name, string Value)[] pairs)
        => ParameterCollection.From(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    [Fact]
    public void Single_value_is_returned()
        => Assert.Equal("1", Of(("a", "1")).GetSingle("a"));

    [Fact]
    public void Absent_and_empty_are_null()
    {
        var c = Of(("a", string.Empty));
        Assert.Null(c.GetSingle("a"));
        Assert.Null(c.GetSingle("b"));
        Assert.True(c.Contains("a"));
        Assert.False(c.Contains("b"));
        Assert.Empty(c.GetAll("b"));
    }

    [Fact]
    public void Repeated_is_invalid_request_even_when_one_copy_is_empty()
    {
        var e = Assert.Throws<InvalidRequestException>(() => Of(("a", string.Empty), ("a", "1")).GetSingle("a"));
        Assert.Contains("`a` is repeated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_case_sensitive_by_default()
    {
        var c = Of(("State", "1"));
        Assert.Null(c.GetSingle("state"));
        Assert.Same(StringComparer.Ordinal, c.Comparer);
    }

    [Fact]
    public void Headers_ignore_case_and_merge_case_variants()
    {
        var c = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "a"), new KeyValuePair<string, string>("authorization", "b")], ignoreCase: true);
        Assert.Equal(["a", "b"], c.GetAll("AUTHORIZATION"));
    }

    [Fact]
    public void Lists_of_values_are_merged_per_name()
    {
        var c = ParameterCollection.From(
            new KeyValuePair<string, IReadOnlyList<string>>[] { new("a", ["1"]), new("a", ["2", "3"]) });
        Assert.Equal(["1", "2", "3"], c.GetAll("a"));
        Assert.Equal(1, c.Count);
    }

    [Fact]
    public void Enumeration_yields_every_name()
    {
        var names = Of(("a", "1"), ("b", "2"), ("a", "3")).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["a", "b"], names);
    }

    [Fact]
    public void Empty_is_empty()
    {
        Assert.Equal(0, ParameterCollection.Empty.Count);
        Assert.Null(ParameterCollection.Empty.GetSingle("a"));
    }

    [Fact]
    public void Null_sources_throw()
    {
        Assert.Throws<ArgumentNullException>(() => ParameterCollection.From((IEnumerable<KeyValuePair<string, string>>)null!));
        Assert.Throws<ArgumentNullException>(() => ParameterCollection.From((IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>)null!));
    }
    [Fact]
    public void A_name_mapped_without_any_value_is_absent()
    {
        var c = ParameterCollection.From(new KeyValuePair<string, IReadOnlyList<string>>[] { new("a", []), new("b", ["1"]) });
        Assert.Null(c.GetSingle("a"));
        Assert.False(c.Contains("a"));
        Assert.Equal("1", c.GetSingle("b"));
    }

    [Fact]
    public async Task A_token_request_with_a_value_less_name_is_answered_normally()
    {
        var h = new Support.Harness();
        var request = Support.Requests.Token(string.Empty, Support.Requests.Basic("c1", Support.TestClients.Secret)) with
        {
            Form = ParameterCollection.From(new KeyValuePair<string, IReadOnlyList<string>>[] { new("grant_type", ["client_credentials"]), new("scope", []) }),
        };
        var result = await h.TokenAsync(request);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public void Many_names_are_found_through_the_index_in_first_seen_order()
    {
        var names = Enumerable.Range(0, ParameterCollection.IndexedAbove * 4).Select(i => "p" + i).ToList();
        var body = string.Join('&', names.Select(n => n + "=" + n.ToUpperInvariant())) + "&p3=again";

        var parsed = FormUrlEncoding.Parse(body);

        Assert.Equal(names.Count, parsed.Count);
        Assert.All(names.Where(n => n != "p3"), n => Assert.Equal(n.ToUpperInvariant(), parsed.GetSingle(n)));
        Assert.Equal(["P3", "again"], parsed.GetAll("p3"));
        Assert.Equal(names, parsed.Select(p => p.Key));
        Assert.False(parsed.Contains("P1"));
        Assert.Null(parsed.GetSingle("p" + names.Count));
    }

    [Fact]
    public void Many_headers_ignore_case_through_the_index_too()
    {
        var headers = ParameterCollection.From(
            Enumerable.Range(0, 20).Select(i => new KeyValuePair<string, string>("X-Header-" + i, "v" + i)).Append(new("x-header-7", "w")),
            ignoreCase: true);

        Assert.Equal(20, headers.Count);
        Assert.Equal(["v7", "w"], headers.GetAll("X-HEADER-7"));
        Assert.Equal("v19", headers.GetSingle("x-header-19"));
    }

    [Fact]
    public void Known_protocol_values_parse_to_equal_strings()
    {
        var parsed = FormUrlEncoding.Parse("grant_type=authorization_code&code_challenge_method=S256&other=authorization_code_x");

        Assert.Equal("authorization_code", parsed.GetSingle("grant_type"));
        Assert.Equal("S256", parsed.GetSingle("code_challenge_method"));
        Assert.Equal("authorization_code_x", parsed.GetSingle("other"));
    }
}
