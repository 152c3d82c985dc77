using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Http;

/// <summary>Response headers: a dictionary by name (any case), whose shared starting set no response can change.</summary>
public sealed class ResponseHeadersTests
{
    private static readonly Dictionary<string, object?> EmptyBody = [];

    [Fact]
    public void Json_responses_start_with_content_type_and_no_store()
    {
        var headers = ResponseWriter.Json(200, EmptyBody).Headers;
        Assert.Equal(
            [new("Content-Type", ResponseWriter.JsonContentType), new("Cache-Control", "no-store"), new("Pragma", "no-cache")],
            headers.ToArray());
    }

    [Fact]
    public void Changing_one_response_leaves_the_next_as_it_starts()
    {
        var first = ResponseWriter.Json(400, EmptyBody);
        first.Headers["cache-control"] = "private";
        first.Headers["WWW-Authenticate"] = "Basic realm=\"x\"";
        Assert.True(first.Headers.Remove("Pragma"));

        Assert.Equal("private", first.Headers["Cache-Control"]);
        Assert.Equal(["Content-Type", "Cache-Control", "WWW-Authenticate"], first.Headers.Keys);
        var next = ResponseWriter.Json(200, EmptyBody).Headers;
        Assert.Equal("no-store", next["Cache-Control"]);
        Assert.Equal("no-cache", next["pragma"]);
        Assert.False(next.ContainsKey("WWW-Authenticate"));
    }

    [Fact]
    public void Names_compare_without_case_and_keep_their_first_spelling()
    {
        var headers = new OAuth2Response().Headers;
        headers["X-Thing"] = "1";
        headers["x-thing"] = "2";
        Assert.Equal([new KeyValuePair<string, string>("X-Thing", "2")], headers.ToArray());
        Assert.True(headers.TryGetValue("X-THING", out var value));
        Assert.Equal("2", value);
    }

    [Fact]
    public void Add_refuses_a_name_already_present()
    {
        var headers = ResponseWriter.Json(200, EmptyBody).Headers;
        Assert.Throws<ArgumentException>(() => headers.Add("content-type", "text/plain"));
        Assert.Equal(ResponseWriter.JsonContentType, headers["Content-Type"]);
    }

    [Fact]
    public void Grows_past_its_first_capacity_in_order()
    {
        var headers = new OAuth2Response().Headers;
        var names = Enumerable.Range(0, 20).Select(i => $"X-{i}").ToArray();
        foreach (var name in names)
        {
            headers.Add(name, name.ToLowerInvariant());
        }

        Assert.Equal(names, headers.Keys);
        Assert.Equal("x-13", headers["X-13"]);
        Assert.Throws<KeyNotFoundException>(() => headers["X-20"]);
        headers.Clear();
        Assert.Empty(headers);
    }
}
