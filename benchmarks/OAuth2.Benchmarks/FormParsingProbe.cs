using System.Globalization;
using OAuth2.Http;

namespace OAuth2.Benchmarks;

/// <summary>
/// Deterministic growth of form parsing: bytes allocated (this thread) parsing n and 8n parameters of each hostile
/// shape, with no cap. Linear work gives a ratio near 8; work that copies per repeat would give ~64.
/// </summary>
internal static class FormParsingProbe
{
    public static void Run()
    {
        var shapes = new (string Name, Func<int, string> Body)[]
        {
            ("one name repeated (a&a&…)", n => string.Join('&', Enumerable.Repeat("a", n))),
            ("all names distinct (p0=v&p1=v&…)", n => string.Join('&', Enumerable.Range(0, n).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture) + "=v"))),
            ("every byte escaped (%61=%62&…)", n => string.Join('&', Enumerable.Repeat("%61=%62", n))),
            ("ordinary: one plain value of n bytes", n => "grant_type=authorization_code&code=" + new string('A', n)),
        };
        FormUrlEncoding.Parse("a=b", int.MaxValue);
        foreach (var (name, body) in shapes)
        {
            var small = Allocated(body(4_096));
            var large = Allocated(body(32_768));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: 4,096 -> {small:N0} B, 32,768 -> {large:N0} B, ratio {(double)large / small:F2}"));
        }
    }

    private static long Allocated(string body)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        FormUrlEncoding.Parse(body, int.MaxValue);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
