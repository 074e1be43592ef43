using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Edge.Node.Core.Tests.Guard;

/// <summary>
/// Proves the guard can fail: each case compiles a small class the way the core is compiled and runs the
/// guard over it with the real allowlist.
/// </summary>
[Trait("Category", "Unit")]
public sealed class PlantedViolationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-guard-").FullName;

    [Theory]
    [InlineData("var l = new System.Collections.Generic.List<int>(); l.Add(x); return l.Count;", "System.Collections.Generic.List`1<System.Int32>")]
    [InlineData("return $\"{x}\".Length;", "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler")]
    [InlineData("return System.Linq.Enumerable.Sum(new[] { x, 2 });", "System.Linq.Enumerable::Sum")]
    [InlineData("System.Span<int> s = stackalloc int[4]; s[0] = x; return s[0];", "System.Span`1<System.Int32>")]
    [InlineData("return System.Threading.Tasks.Task.FromResult(x).Result;", "System.Threading.Tasks.Task")]
    [InlineData("var m = new int[2, 2]; m[0, 1] = x; return m[0, 1];", "multi-dimensional array System.Int32[,]")]
    public void The_guard_names_a_planted_violation(string body, string expected)
    {
        var violations = Guard(body);
        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_guard_passes_the_same_class_without_the_plant()
    {
        var violations = Guard("int y = x * 2; return y.ToString().Length;");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private List<string> Guard(string body)
    {
        string source = "namespace Planted { public sealed class Probe { public int Run(int x) { " + body + " } } }";
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "Planted",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        string path = Path.Combine(_dir, "Planted" + Guid.NewGuid().ToString("N") + ".dll");
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return ApiGuard.FindViolations(path, Allowlist.Load(NanoFrameworkGuardTests.AllowlistPath));
    }
}
