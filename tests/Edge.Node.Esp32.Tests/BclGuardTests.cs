#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Edge.Node.Esp32.Tests;

/// <summary>
/// The glue's calls into the BCL (System.IO, collections, threading, text) bind to .NET's own types in the type check,
/// not to the facade. This scan of the compiled glue lists every such type and member and holds them to an
/// allowlist with the nanoFramework package and source file of each: the core's
/// (firmware/Edge.Node.Core/nanoframework-api.txt) plus the glue's own additions (glue-nanoframework-api.txt here).
/// Generic instantiations and generic methods are refused outright, as nanoFramework 1.x cannot run them.
/// </summary>
public sealed class BclGuardTests
{
    private static readonly string GlueAllowlistPath = Path.Combine(RepoPaths.Root, "tests", "Edge.Node.Esp32.Tests", "glue-nanoframework-api.txt");
    private static readonly string CoreAllowlistPath = Path.Combine(RepoPaths.Core, "nanoframework-api.txt");

    [Fact]
    [Trait("Category", "Unit")]
    public void The_glue_references_only_bcl_members_nanoframework_1_has()
    {
        HashSet<string> allowed = new(Entries(CoreAllowlistPath).Concat(Entries(GlueAllowlistPath)), StringComparer.Ordinal);

        List<string> violations = Violations(Used(null), allowed);

        Assert.True(violations.Count == 0, "the glue uses BCL API not on an allowlist (add it to glue-nanoframework-api.txt only with its nanoFramework source):\n" + string.Join("\n", violations));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Every_glue_allowlist_entry_is_used_and_names_its_package_and_source()
    {
        HashSet<string> used = new(Used(null), StringComparer.Ordinal);
        List<string> problems = new();
        foreach (string raw in File.ReadAllLines(GlueAllowlistPath))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !parts[1].StartsWith("nanoFramework.", StringComparison.Ordinal) || !parts[2].StartsWith("nanoframework/", StringComparison.Ordinal))
            {
                problems.Add("malformed: " + raw);
            }
            else if (!used.Contains(parts[0]))
            {
                problems.Add("unused: " + parts[0]);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("var list = new System.Collections.Generic.List<int>(); list.Add(1);", "generic ")]
    [InlineData("System.Console.WriteLine(\"{0}\", 1);", "System.Console::WriteLine(System.String,System.Object)")]
    [InlineData("System.Threading.Tasks.Task.Delay(1).Wait();", "System.Threading.Tasks.Task")]
    [Trait("Category", "Unit")]
    public void A_planted_call_nanoframework_lacks_is_caught_by_the_scan(string statement, string expected)
    {
        HashSet<string> allowed = new(Entries(CoreAllowlistPath).Concat(Entries(GlueAllowlistPath)), StringComparer.Ordinal);
        string planted = "namespace Planted { static class Misuse { static void Run() { " + statement + " } } }";

        List<string> violations = Violations(Used(planted), allowed);

        Assert.Contains(violations, v => v.StartsWith(expected, StringComparison.Ordinal));
    }

    private static List<string> Violations(IEnumerable<string> used, HashSet<string> allowed)
    {
        return used.Where(u => !allowed.Contains(u) || u.StartsWith("generic ", StringComparison.Ordinal)).ToList();
    }

    private static IEnumerable<string> Entries(string path)
    {
        return File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[0]);
    }

    /// <summary>BCL types and members the compiled glue references, plus any generic use.</summary>
    private static List<string> Used(string? planted)
    {
        byte[] image = GlueCompilation.Emit(planted);
        using PEReader pe = new(new MemoryStream(image));
        MetadataReader reader = pe.GetMetadataReader();
        TypeNameProvider names = new(reader);
        HashSet<EntityHandle> attributeCtors = new(reader.GetAssemblyDefinition().GetCustomAttributes()
            .Concat(reader.GetModuleDefinition().GetCustomAttributes())
            .Select(a => reader.GetCustomAttribute(a).Constructor));
        HashSet<string> attributeTypes = new(attributeCtors.Where(c => c.Kind == HandleKind.MemberReference)
            .Select(c => names.Name(reader.GetMemberReference((MemberReferenceHandle)c).Parent)), StringComparer.Ordinal);
        SortedSet<string> found = new(StringComparer.Ordinal);

        foreach (TypeReferenceHandle handle in reader.TypeReferences)
        {
            string name = names.Name(handle);
            bool buildOnly = attributeTypes.Contains(name) || attributeTypes.Any(t => name.StartsWith(t + "/", StringComparison.Ordinal));
            if (IsBcl(names.AssemblyOf(handle)) && !buildOnly)
            {
                found.Add(name);
            }
        }

        foreach (MemberReferenceHandle handle in reader.MemberReferences)
        {
            MemberReference member = reader.GetMemberReference(handle);
            if (attributeCtors.Contains(handle) || member.Parent.Kind != HandleKind.TypeReference || !IsBcl(names.AssemblyOf((TypeReferenceHandle)member.Parent)))
            {
                if (member.Parent.Kind == HandleKind.TypeSpecification)
                {
                    found.Add("generic " + names.Name(member.Parent) + "::" + reader.GetString(member.Name));
                }

                continue;
            }

            string name = names.Name(member.Parent) + "::" + reader.GetString(member.Name);
            if (member.GetKind() == MemberReferenceKind.Method)
            {
                name += "(" + string.Join(",", member.DecodeMethodSignature(names, null).ParameterTypes) + ")";
            }

            found.Add(name);
        }

        for (int row = 1; row <= reader.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            found.Add("generic method instantiation #" + row.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return found.ToList();
    }

    private static bool IsBcl(string assembly)
    {
        return assembly.Length > 0 && assembly != GlueCompilation.FacadeAssembly && assembly != GlueCompilation.CoreAssembly && assembly != GlueCompilation.ProtocolAssembly;
    }
}
