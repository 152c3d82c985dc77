using System.Text;
using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Handlers;

/// <summary>The token response's members: present ones found and enumerated in wire order, absent ones not there at all.</summary>
public sealed class TokenResponseBodyTests
{
    [Fact]
    public void Serialises_the_members_in_order_and_omits_absent_ones()
    {
        var body = new TokenResponseBody("at", 3600L, refreshToken: null, "read write", [new("id_token", "x")]);
        var json = Encoding.UTF8.GetString(new OAuth2Response { Body = body }.GetJsonBody());
        Assert.Equal("""{"access_token":"at","token_type":"Bearer","expires_in":3600,"scope":"read write","id_token":"x"}""", json);
        Assert.Equal(5, body.Count);
        Assert.Equal(["access_token", "token_type", "expires_in", "scope", "id_token"], body.Keys);
    }

    [Fact]
    public void Looks_members_up_by_exact_name()
    {
        var body = new TokenResponseBody("at", 60L, "rt", scope: null, []);
        Assert.Equal("rt", body["refresh_token"]);
        Assert.Equal(60L, body["expires_in"]);
        Assert.Equal("Bearer", body["token_type"]);
        Assert.False(body.ContainsKey("scope"));
        Assert.False(body.ContainsKey("Access_Token"));
        Assert.Throws<KeyNotFoundException>(() => body["error"]);
    }
}
