using System.Globalization;
using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Http;

/// <summary>
/// Bodies built to make parsing expensive: one name repeated, every name distinct, every byte percent-escaped. Work
/// must grow linearly with the body, which is shown without timing: eight times the input allocates about eight
/// times the bytes (quadratic work would allocate ~64 times as much). The parameter cap stops a parse at cap + 1.
/// </summary>
public sealed class HostileFormTests
{
    private const int Small = 4_096;
    private const int Large = Small * 8;

    /// <summary>Far above <see cref="Large"/>, so that the growth tests measure parsing, not the cap.</summary>
    private const int NoCap = 1_000_000;

    private static readonly string[] ManyParameterShapes = ["one name repeated", "one name repeated with values", "all names distinct", "every byte escaped, one name repeated"];

    public static TheoryData<string> ManyParameters => [.. ManyParameterShapes];

    public static TheoryData<string> Shapes => [.. ManyParameterShapes, "every byte escaped, one value"];

    /// <summary><paramref name="n"/> parameters (or, for the single escaped value, <paramref name="n"/> escaped bytes).</summary>
    private static string Body(string shape, int n) => shape switch
    {
        "one name repeated" => string.Join('&', Enumerable.Repeat("a", n)),
        "one name repeated with values" => string.Join('&', Enumerable.Repeat("scope=read", n)),
        "all names distinct" => string.Join('&', Enumerable.Range(0, n).Select(i => "p" + i.ToString("x5", CultureInfo.InvariantCulture) + "=v")),
        "every byte escaped, one name repeated" => string.Join('&', Enumerable.Repeat("%61=%62", n)),
        "every byte escaped, one value" => "v=" + string.Concat(Enumerable.Repeat("%41", n)),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    /// <summary>Bytes this thread allocates in <paramref name="action"/>; deterministic for a given input, unlike time.</summary>
    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static double Growth(Func<int, string> body, Func<string, ParameterCollection> parse)
    {
        parse(body(16)); // type initialisers and first-call work, outside the measurement
        var small = body(Small);
        var large = body(Large);
        var smallBytes = Allocated(() => parse(small));
        var largeBytes = Allocated(() => parse(large));
        return (double)largeBytes / smallBytes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Parsing_grows_linearly_with_the_body(string shape)
    {
        var growth = Growth(n => Body(shape, n), body => FormUrlEncoding.Parse(body, NoCap));

        // Linear: ~8 for 8x the input. Quadratic would be ~64.
        Assert.InRange(growth, 4.0, 12.0);
    }

    [Fact]
    public void Every_value_of_a_repeated_name_is_kept_in_order()
    {
        var body = string.Join('&', Enumerable.Range(0, Large).Select(i => "a=" + i.ToString(CultureInfo.InvariantCulture)));

        var values = FormUrlEncoding.Parse(body, NoCap).GetAll("a");

        Assert.Equal(Large, values.Count);
        Assert.Equal(Enumerable.Range(0, Large).Select(i => i.ToString(CultureInfo.InvariantCulture)), values);
    }

    [Fact]
    public void Headers_with_one_name_repeated_map_linearly()
    {
        static IEnumerable<KeyValuePair<string, string>> Headers(int n) => Enumerable.Repeat(new KeyValuePair<string, string>("X-Repeated", "v"), n);
        ParameterCollection.From(Headers(16), ignoreCase: true);
        var small = Headers(Small).ToArray();
        var large = Headers(Large).ToArray();

        var growth = (double)Allocated(() => ParameterCollection.From(large, ignoreCase: true)) / Allocated(() => ParameterCollection.From(small, ignoreCase: true));

        Assert.InRange(growth, 4.0, 12.0);
        Assert.Equal(Large, ParameterCollection.From(large, ignoreCase: true).GetAll("x-repeated").Count);
    }

    [Fact]
    public void Value_lists_merged_per_name_map_linearly()
    {
        static KeyValuePair<string, IReadOnlyList<string>>[] Lists(int n) => [.. Enumerable.Repeat(new KeyValuePair<string, IReadOnlyList<string>>("a", ["1", "2"]), n)];
        ParameterCollection.From(Lists(16));
        var small = Lists(Small);
        var large = Lists(Large);

        var growth = (double)Allocated(() => ParameterCollection.From(large)) / Allocated(() => ParameterCollection.From(small));

        Assert.InRange(growth, 4.0, 12.0);
        Assert.Equal(Large * 2, ParameterCollection.From(large).GetAll("a").Count);
    }

    [Fact]
    public void The_default_cap_allows_a_hundred_parameters_and_refuses_more()
    {
        Assert.Equal(100, FormUrlEncoding.DefaultMaxParameters);
        var atCap = string.Join('&', Enumerable.Range(0, 100).Select(i => "p" + i + "=v"));

        Assert.Equal(100, FormUrlEncoding.Parse(atCap).Count);
        var e = Assert.Throws<InvalidRequestException>(() => FormUrlEncoding.Parse(atCap + "&one=more"));
        Assert.Equal("invalid_request", e.Error);
        Assert.Equal(400, e.StatusCode);
        Assert.Contains("more than 100 parameters", e.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(2_000)]
    public void A_configured_cap_is_honoured(int cap)
    {
        var atCap = string.Join('&', Enumerable.Range(0, cap).Select(i => "p" + i + "=v"));

        Assert.Equal(cap, FormUrlEncoding.Parse(atCap, cap).Count);
        var e = Assert.Throws<InvalidRequestException>(() => FormUrlEncoding.Parse(atCap + "&x=1", cap));
        Assert.Contains($"more than {cap} parameters", e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeats_of_one_name_count_against_the_cap()
    {
        Assert.Single(FormUrlEncoding.Parse(string.Join('&', Enumerable.Repeat("a", 100))));
        Assert.Throws<InvalidRequestException>(() => FormUrlEncoding.Parse(string.Join('&', Enumerable.Repeat("a", 101))));
    }

    [Fact]
    public void Empty_segments_carry_nothing_and_do_not_count()
        => Assert.Equal("1", FormUrlEncoding.Parse(new string('&', 10_000) + "a=1" + new string('&', 10_000), maxParameters: 1).GetSingle("a"));

    [Fact]
    public void Parsing_stops_at_the_parameter_over_the_cap()
    {
        // The malformed pair comes after the one over the cap: were the rest parsed, the error would name it.
        var body = string.Join('&', Enumerable.Repeat("a=1", 11)) + "&b=%zz";

        var e = Assert.Throws<InvalidRequestException>(() => FormUrlEncoding.Parse(body, maxParameters: 10));

        Assert.Contains("more than 10 parameters", e.Description, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ManyParameters))]
    public void A_refused_body_costs_the_same_whatever_follows_the_cap(string shape)
    {
        // Parsing up to the cap costs the same whether 4 Ki or 32 Ki parameters follow it.
        static long Refusing(string body) => Allocated(() => Assert.ThrowsAny<InvalidRequestException>(() => FormUrlEncoding.Parse(body, maxParameters: 10)));
        var small = Body(shape, Small);
        var large = Body(shape, Large);
        Refusing(Body(shape, 64));
        var growth = (double)Refusing(large) / Refusing(small);

        Assert.InRange(growth, 0.5, 1.5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_cap_below_one_is_a_programming_error(int cap)
        => Assert.Throws<ArgumentOutOfRangeException>(() => FormUrlEncoding.Parse("a=1", cap));
}
