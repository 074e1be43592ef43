using Edge.Tests.Shared.Nano;

namespace Edge.Node.Core.Tests.Guard;

/// <summary>
/// The portable core and the wire contract as the ESP32 compiles them: tests/Edge.Node.Core.Nano builds them with
/// nanoFramework's real mscorlib (a build error there is the first check); this guard reads that build's metadata
/// for what the compiler cannot refuse.
/// </summary>
[Trait("Category", "Unit")]
public sealed class NanoFrameworkGuardTests
{
    internal static string AllowlistPath => Path.Combine(AppContext.BaseDirectory, "nanoframework-api.txt");

    internal static string NanoBuild => NanoCompilation.Assembly("Edge.Node.Core.Nano");

    [Fact]
    public void The_nanoFramework_build_of_the_portable_code_uses_nothing_the_1_x_runtime_cannot_run()
    {
        var allow = Allowlist.Load(AllowlistPath);
        var violations = ApiGuard.FindViolations(NanoBuild, allow);
        Assert.True(violations.Count == 0, "the nanoFramework build of the core uses what nanoFramework 1.x cannot run:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_nanoFramework_build_is_compiled_against_the_real_mscorlib_and_nothing_of_dotnet()
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(NanoBuild));
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h)).ToDictionary(r => reader.GetString(r.Name), r => r.Version, StringComparer.Ordinal);

        Assert.Equal(["System.Math", "mscorlib"], references.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Version(1, 17, 11, 0), references["mscorlib"]);
    }

    [Fact]
    public void Every_allowlist_line_names_its_nanoFramework_package_and_source_and_is_used()
    {
        var allow = Allowlist.Load(AllowlistPath);
        Assert.True(allow.Malformed.Count == 0, "lines without `entry | nanoFramework.<package> | source`:\n" + string.Join("\n", allow.Malformed));
        Assert.True(allow.Count > 0, "the allowlist looks empty");

        // With an empty allowlist every line that is still needed shows up as a violation; the rest are stale.
        var needed = ApiGuard.FindViolations(NanoBuild, Allowlist.Empty).Select(v => v[(v.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToHashSet(StringComparer.Ordinal);
        var stale = allow.Entries.Where(e => !needed.Contains(e)).ToList();
        Assert.True(stale.Count == 0, "allowlist lines nothing uses (the compiler proves mscorlib members by itself):\n" + string.Join("\n", stale));
    }
}
