using Edge.Node.Core.Agent;
using Edge.Protocol;

namespace Edge.Node.Core.Tests.Guard;

[Trait("Category", "Unit")]
public sealed class NanoFrameworkGuardTests
{
    internal static string AllowlistPath => Path.Combine(AppContext.BaseDirectory, "nanoframework-api.txt");

    /// <summary>The two shared-source assemblies the ESP32 image compiles: the wire contract and the node core.</summary>
    public static TheoryData<string> PortableAssemblies => new() { typeof(DataBatch).Assembly.Location, typeof(NodeAgent).Assembly.Location };

    [Theory]
    [MemberData(nameof(PortableAssemblies))]
    public void The_portable_assemblies_reference_only_what_nanoFramework_1_has(string assembly)
    {
        var allow = Allowlist.Load(AllowlistPath);
        var violations = ApiGuard.FindViolations(assembly, allow);
        Assert.True(violations.Count == 0, Path.GetFileName(assembly) + " uses what nanoFramework 1.x lacks (add it to nanoframework-api.txt only if nanoFramework has it):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_allowlist_line_names_its_nanoFramework_package_and_source()
    {
        var allow = Allowlist.Load(AllowlistPath);
        Assert.True(allow.Malformed.Count == 0, "lines without `entry | nanoFramework.<package> | source`:\n" + string.Join("\n", allow.Malformed));
        Assert.True(allow.Count > 20, "the allowlist looks empty");
    }
}
