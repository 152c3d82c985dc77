using System.Reflection;
using System.Xml.Linq;

namespace OAuth2.Architecture.Tests;

/// <summary>
/// The package graph of DESIGN.md holds: contract ← core ← DI ← ASP.NET Core, and contract ← every storage package.
/// Checked twice, because either can drift alone: the project references (what NuGet makes a package depend on) and
/// the compiled assemblies' references (what the code actually uses).
/// </summary>
public sealed class PackageGraphTests
{
    /// <summary>Which of our packages each package may depend on; anything else is a broken layer.</summary>
    public static TheoryData<string, string[]> Allowed => new()
    {
        { "OAuth2.Abstractions", [] },
        { "OAuth2.Core", ["OAuth2.Abstractions"] },
        { "OAuth2.Storage.InMemory", ["OAuth2.Abstractions"] },
        { "OAuth2.Extensions.DependencyInjection", ["OAuth2.Abstractions", "OAuth2.Core", "OAuth2.Storage.InMemory"] },
        { "OAuth2.AspNetCore", ["OAuth2.Abstractions", "OAuth2.Core", "OAuth2.Extensions.DependencyInjection", "OAuth2.Storage.InMemory", "OAuth2.AspNetCore.ResourceServer"] },
        { "OAuth2.Storage.Redis", ["OAuth2.Abstractions"] },
        { "OAuth2.Storage.Mongo", ["OAuth2.Abstractions"] },
        { "OAuth2.Storage.Relational", ["OAuth2.Abstractions"] },
        { "OAuth2.Storage.PostgreSql", ["OAuth2.Abstractions", "OAuth2.Storage.Relational"] },
        { "OAuth2.Storage.Sqlite", ["OAuth2.Abstractions", "OAuth2.Storage.Relational"] },
        { "OAuth2.Storage.SqlServer", ["OAuth2.Abstractions", "OAuth2.Storage.Relational"] },
        // What an API in another process installs: ASP.NET Core only, none of the server's packages.
        { "OAuth2.AspNetCore.ResourceServer", [] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Project_references_stay_inside_the_layer(string package, string[] allowed)
    {
        var project = Path.Combine(RepositoryRoot(), "src", package, package + ".csproj");
        var referenced = XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToArray();

        var stray = referenced.Except(allowed, StringComparer.Ordinal).ToArray();
        Assert.True(stray.Length == 0, $"{package} references {string.Join(", ", stray)}; its layer allows only [{string.Join(", ", allowed)}].");
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Compiled_assemblies_use_nothing_outside_the_layer(string package, string[] allowed)
    {
        var assembly = Assembly.Load(package);
        var ours = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("OAuth2.", StringComparison.Ordinal))
            .ToArray();

        var stray = ours.Except(allowed, StringComparer.Ordinal).ToArray();
        Assert.True(stray.Length == 0, $"{package} uses types of {string.Join(", ", stray)}; its layer allows only [{string.Join(", ", allowed)}].");
    }

    [Fact]
    public void Every_package_in_src_has_a_place_in_the_graph()
    {
        var packages = Directory.GetDirectories(Path.Combine(RepositoryRoot(), "src")).Select(Path.GetFileName).ToArray();
        var known = Allowed.Select(row => row.Data.Item1).ToHashSet(StringComparer.Ordinal);

        var unplaced = packages.Where(p => !known.Contains(p!)).ToArray();
        Assert.True(unplaced.Length == 0, $"src/ has packages the graph test does not place: {string.Join(", ", unplaced)}.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OAuth2.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OAuth2.sln not found above " + AppContext.BaseDirectory);
    }
}
