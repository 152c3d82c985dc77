using System.Text;
using CsCheck;
using OAuth2.Core.Tests.Support;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Properties;

/// <summary>Generators of hostile request parts (checklist section 5).</summary>
public static class Generators
{
    public const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    public const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private const string Printable = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    public static readonly Gen<string> PrintableString = Gen.Char[Printable].Array[0, 24].Select(a => new string(a));

    /// <summary>Any UTF-16 code units, lone surrogates and controls included.</summary>
    public static readonly Gen<string> AnyString = Gen.Char.Array[0, 16].Select(a => new string(a));

    public static readonly Gen<string> Long = Gen.Int[2000, 5000].Select(n => new string('a', n));

    public static readonly Gen<string> Interesting = Gen.OneOfConst(
        string.Empty, " ", "%", "%ZZ", "%C3%28", "\u0000", "\r\n", "\t", "\"", "\\", "\u00e9", "\uD800", "a b", "a+b", "=", "&",
        "read", "read write", "admin", "code", "token", "S256", "plain", "false", "c1", "pub1", Verifier, Challenge,
        "code1", "rt1", "alice", "pw", TestClients.Secret, TestClients.RedirectUri, "https://evil.example/cb",
        "http://127.0.0.1:5000/cb", "urn:example:unknown", "<script>alert(1)</script>");

    public static readonly Gen<string> Value = Gen.Frequency(
        (6, Interesting), (3, PrintableString), (2, AnyString), (1, Long));

    public static Gen<List<KeyValuePair<string, string>>> Parameters(string[] names)
    {
        var name = Gen.Frequency((8, Gen.OneOfConst(names)), (1, PrintableString), (1, AnyString));
        return Gen.Select(name, Value, (n, v) => new KeyValuePair<string, string>(n, v)).List[0, 8];
    }

    public static readonly Gen<string?> Authorization = Gen.Frequency<string?>(
        (3, Gen.Const<string?>(() => null)),
        (2, Gen.Const<string?>(Requests.Basic("c1", TestClients.Secret))),
        (1, Gen.Const<string?>(Requests.Basic("pub1", "x"))),
        (2, Gen.Select(Value, Value, (a, b) => (string?)Requests.BasicRaw(a + ":" + b))),
        (1, Value.Select(v => (string?)("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(v))))),
        (1, Value.Select(v => (string?)("Bearer " + v))),
        (1, Gen.Const<string?>("Bearer mF_9.B5f-4.1JqM")),
        (2, Value.Select(v => (string?)v)));

    public static readonly Gen<string> Method = Gen.OneOfConst("POST", "POST", "POST", "GET", "post", "PUT", "DELETE", string.Empty);

    public static readonly Gen<string?> ContentType = Gen.OneOfConst<string?>(
        Requests.Form, Requests.Form, Requests.Form, "application/x-www-form-urlencoded; charset=UTF-8", "application/json", "multipart/form-data", null, "\u0000");

    public static ParameterCollection Collection(List<KeyValuePair<string, string>> pairs) => ParameterCollection.From(pairs);

    public static ParameterCollection HeadersOf(string? contentType, string? authorization)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (contentType is not null)
        {
            headers.Add(new("Content-Type", contentType));
        }

        if (authorization is not null)
        {
            headers.Add(new("Authorization", authorization));
        }

        return ParameterCollection.From(headers, ignoreCase: true);
    }

    public static string Show(OAuth2Request r)
        => $"{r.Method} headers[{Join(r.Headers)}] query[{Join(r.Query)}] form[{Join(r.Form)}]";

    private static string Join(ParameterCollection c)
        => string.Join("&", c.SelectMany(p => p.Value.Select(v => Escape(p.Key) + "=" + Escape(v))));

    private static string Escape(string s)
    {
        var b = new StringBuilder();
        foreach (var ch in s.Length > 60 ? s[..60] + "..." : s)
        {
            b.Append(ch is < ' ' or > '~' ? $"\\u{(int)ch:x4}" : ch.ToString());
        }

        return b.ToString();
    }
}
