using System.Text;
using BenchmarkDotNet.Attributes;
using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.Benchmarks;

/// <summary>
/// Parsing a 64 KB form body (just under the 64 KiB default body limit): ordinary data beside bodies built to make
/// parsing expensive. With no cap, the whole body is parsed, which shows the parser's own cost is linear whatever the
/// shape; with the default cap (100 parameters), what a default host spends before refusing the body.
/// </summary>
[MemoryDiagnoser]
public class FormParsingBenchmarks
{
    /// <summary>Body length: the largest whole number of 8-byte units under 65,536 bytes.</summary>
    private const int Length = 65_528;

    private string _ordinary = null!;
    private string _oneNameRepeated = null!;
    private string _distinctNames = null!;
    private string _everyByteEscaped = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A code exchange whose code is one long plain value: the ordinary shape, only large.
        var prefix = "grant_type=authorization_code&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&code=";
        _ordinary = prefix + Fill(Length - prefix.Length, i => (char)('A' + (i % 26)));

        // a&a&a&…: one name, 32,764 times.
        _oneNameRepeated = Fill(Length - 1, i => i % 2 == 0 ? 'a' : '&');

        // p0000=&p0001=&…: every name distinct (base 36, so 8 bytes each).
        var distinct = new StringBuilder(Length);
        for (var i = 0; distinct.Length + 8 <= Length; i++)
        {
            distinct.Append('p').Append(Base36(i, 5)).Append("=&");
        }

        _distinctNames = distinct.ToString(0, distinct.Length - 1);

        // %61=%62&…: a=b, every byte of the name and the value escaped, 8,191 times.
        _everyByteEscaped = string.Join('&', Enumerable.Repeat("%61=%62", Length / 8));
    }

    private static string Fill(int length, Func<int, char> at) => string.Create(length, at, (span, f) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = f(i);
        }
    });

    private static string Base36(int value, int width)
    {
        Span<char> digits = stackalloc char[width];
        for (var i = width - 1; i >= 0; i--, value /= 36)
        {
            digits[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[value % 36];
        }

        return new string(digits);
    }

    [Benchmark(Baseline = true, Description = "ordinary 64 KB (one long plain value)")]
    public int Ordinary() => FormUrlEncoding.Parse(_ordinary).Count;

    [Benchmark(Description = "one name repeated, no cap (32,764 pairs)")]
    public int OneNameRepeated() => FormUrlEncoding.Parse(_oneNameRepeated, int.MaxValue).GetAll("a").Count;

    [Benchmark(Description = "all names distinct, no cap (8,191 pairs)")]
    public int DistinctNames() => FormUrlEncoding.Parse(_distinctNames, int.MaxValue).Count;

    [Benchmark(Description = "every byte escaped, no cap (8,191 pairs)")]
    public int EveryByteEscaped() => FormUrlEncoding.Parse(_everyByteEscaped, int.MaxValue).GetAll("a").Count;

    [Benchmark(Description = "one name repeated, default cap (refused)")]
    public int OneNameRepeatedRefused() => Refused(_oneNameRepeated);

    [Benchmark(Description = "all names distinct, default cap (refused)")]
    public int DistinctNamesRefused() => Refused(_distinctNames);

    [Benchmark(Description = "every byte escaped, default cap (refused)")]
    public int EveryByteEscapedRefused() => Refused(_everyByteEscaped);

    private static int Refused(string body)
    {
        try
        {
            return FormUrlEncoding.Parse(body).Count;
        }
        catch (InvalidRequestException)
        {
            return -1;
        }
    }
}
