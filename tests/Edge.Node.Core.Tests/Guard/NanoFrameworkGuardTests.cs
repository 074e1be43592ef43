using Edge.Node.Core.Protocol;

namespace Edge.Node.Core.Tests.Guard;

[Trait("Category", "Unit")]
public sealed class NanoFrameworkGuardTests
{
    internal static string AllowlistPath => Path.Combine(AppContext.BaseDirectory, "nanoframework-api.txt");

    [Fact]
    public void The_core_references_only_what_nanoFramework_1_has()
    {
        var allow = Allowlist.Load(AllowlistPath);
        var violations = ApiGuard.FindViolations(typeof(DataBatch).Assembly.Location, allow);
        Assert.True(violations.Count == 0, "Edge.Node.Core uses what nanoFramework 1.x lacks (add it to nanoframework-api.txt only if nanoFramework has it):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_allowlist_line_names_its_nanoFramework_package_and_source()
    {
        var allow = Allowlist.Load(AllowlistPath);
        Assert.True(allow.Malformed.Count == 0, "lines without `entry | nanoFramework.<package> | source`:\n" + string.Join("\n", allow.Malformed));
        Assert.True(allow.Count > 20, "the allowlist looks empty");
    }
}
