using Edge.Tests.Shared.Nano;
using Microsoft.CodeAnalysis.CSharp;

namespace Edge.Node.Core.Tests.Guard;

/// <summary>
/// Proves both checks can fail. Each case adds a planted file to the core's and the protocol's sources and compiles
/// them the way tests/Edge.Node.Core.Nano does (nanoFramework's real mscorlib, no standard library): what
/// nanoFramework lacks fails with the compiler's own error; what compiles but the 1.x runtime cannot run is named by
/// the guard.
/// </summary>
[Trait("Category", "Unit")]
public sealed class PlantedViolationTests
{
    [Theory]
    [InlineData("var l = new System.Collections.Generic.List<int>(); l.Add(x); return l.Count;", "error CS0234: The type or namespace name 'Generic' does not exist in the namespace 'System.Collections'")]
    [InlineData("System.Console.WriteLine(\"{0}\", x); return x;", "error CS1501: No overload for method 'WriteLine' takes 2 arguments")]
    [InlineData("return System.Linq.Enumerable.Sum(new[] { x, 2 });", "error CS0234: The type or namespace name 'Linq' does not exist in the namespace 'System'")]
    [InlineData("System.Span<int> s = stackalloc int[4]; s[0] = x; return s[0];", "error CS0234: The type or namespace name 'Span<>' does not exist in the namespace 'System'")]
    [InlineData("return System.Threading.Tasks.Task.FromResult(x).Result;", "error CS0234: The type or namespace name 'Tasks' does not exist in the namespace 'System.Threading'")]
    [InlineData("return (int)System.Math.Round(x * 0.5, 2);", "error CS0117: 'Math' does not contain a definition for 'Round'")]
    public void A_planted_api_nanoFramework_lacks_fails_to_compile(string body, string error)
    {
        var errors = NanoCompilation.Errors(Compile(body));

        Assert.Contains(errors, e => e.Contains("Planted.cs", StringComparison.Ordinal) && e.Contains(error, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("System.Action<int> a = v => { }; a(x); return x;", "generic instantiation System.Action`1<System.Int32>")]
    [InlineData("var m = new int[2, 2]; m[0, 1] = x; return m[0, 1];", "multi-dimensional array System.Int32[,]")]
    [InlineData("return Twice<int>(x) ? 1 : 0; } static bool Twice<T>(T v) { return v != null;", "generic definition Planted.Probe::Twice")]
    public void A_planted_construct_the_compiler_accepts_but_the_1_x_runtime_cannot_run_is_named_by_the_guard(string body, string expected)
    {
        var violations = ApiGuard.FindViolations(NanoCompilation.Emit(Compile(body)), Allowlist.Load(NanoFrameworkGuardTests.AllowlistPath));

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_class_without_a_plant_compiles_and_passes_the_guard()
    {
        var compilation = Compile("int y = x * 2; return y.ToString().Length + (int)System.Math.Sqrt(y);");
        Assert.Empty(NanoCompilation.Errors(compilation));

        var violations = ApiGuard.FindViolations(NanoCompilation.Emit(compilation), Allowlist.Load(NanoFrameworkGuardTests.AllowlistPath));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private static CSharpCompilation Compile(string body)
    {
        string planted = "namespace Planted { public sealed class Probe { public int Run(int x) { " + body + " } } }";
        var sources = NanoCompilation.SharedProjectFiles(Path.Combine(RepoRoot(), "firmware", "Edge.Protocol", "Edge.Protocol.projitems"))
            .Concat(NanoCompilation.SharedProjectFiles(Path.Combine(RepoRoot(), "firmware", "Edge.Node.Core", "Edge.Node.Core.projitems")));
        return NanoCompilation.Create("Edge.Node.Core.Nano", sources, planted, "System.Math");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Edge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Edge.sln not found");
    }
}
