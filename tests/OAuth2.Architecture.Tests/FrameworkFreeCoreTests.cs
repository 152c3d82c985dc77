using System.Reflection;
using System.Xml.Linq;

namespace OAuth2.Architecture.Tests;

/// <summary>
/// The core stays framework-free: beyond the storage contract, the BCL and the logging abstractions, nothing (no DI,
/// no hosting, no health checks, no OpenTelemetry). The contract package depends on no logging or health-check
/// package at all: its health probe is a plain interface.
/// </summary>
public sealed class FrameworkFreeCoreTests
{
    public static TheoryData<string, string[]> AllowedPackages => new()
    {
        { "OAuth2.Core", ["Microsoft.Extensions.Logging.Abstractions"] },
        { "OAuth2.Abstractions", ["Microsoft.Extensions.DependencyInjection.Abstractions"] },
        // The resource-server package is ASP.NET Core's shared framework and nothing else.
        { "OAuth2.AspNetCore.ResourceServer", [] },
    };

    [Theory]
    [MemberData(nameof(AllowedPackages))]
    public void Package_references_are_only_the_allowed_ones(string package, string[] allowed)
    {
        var project = Path.Combine(RepositoryRoot(), "src", package, package + ".csproj");
        var referenced = XDocument.Load(project).Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value).ToArray();
        var stray = referenced.Except(allowed, StringComparer.Ordinal).ToArray();
        Assert.True(stray.Length == 0, $"{package} references {string.Join(", ", stray)}; it may use only [{string.Join(", ", allowed)}].");
    }

    [Fact]
    public void The_compiled_core_uses_no_microsoft_extensions_assembly_but_logging_abstractions()
    {
        var used = Assembly.Load("OAuth2.Core").GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)).ToArray();
        Assert.All(used, n => Assert.Equal("Microsoft.Extensions.Logging.Abstractions", n));
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
