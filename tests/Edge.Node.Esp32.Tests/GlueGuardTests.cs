using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Edge.Tests.Shared.Nano;

namespace Edge.Node.Esp32.Tests;

/// <summary>
/// What the compiler accepts against nanoFramework's mscorlib but the 1.x runtime cannot run: generic instantiations
/// (mscorlib 1.x declares Action&lt;T&gt;, Func&lt;T&gt;, EventHandler&lt;T&gt;), generic definitions and
/// multi-dimensional arrays. This scan of the app's nanoFramework build (tests/Edge.Node.Esp32.Nano) refuses them;
/// every other reference was checked by that build against the real mscorlib or a cited facade.
/// </summary>
public sealed class GlueGuardTests
{
    [Fact]
    [Trait("Category", "Unit")]
    public void The_nanoframework_build_of_the_app_has_nothing_the_1_x_runtime_cannot_run()
    {
        List<string> found = Scan(File.ReadAllBytes(NanoCompilation.Assembly("Edge.Node.Esp32.Nano")));

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void The_nanoframework_build_references_the_real_mscorlib_the_math_facade_and_the_facade_only()
    {
        using PEReader pe = new(File.OpenRead(NanoCompilation.Assembly("Edge.Node.Esp32.Nano")));
        MetadataReader reader = pe.GetMetadataReader();
        SortedSet<string> names = new(StringComparer.Ordinal);
        foreach (AssemblyReferenceHandle handle in reader.AssemblyReferences)
        {
            AssemblyReference reference = reader.GetAssemblyReference(handle);
            names.Add(reader.GetString(reference.Name) + " " + reference.Version.ToString());
        }

        Assert.Equal(new[] { GlueCompilation.FacadeAssembly + " 0.0.0.0", GlueCompilation.MathAssembly + " 0.0.0.0", "mscorlib 1.17.11.0" }, names);
    }

    [Theory]
    [InlineData("System.Action<int> a = v => { }; a(1);", "generic instantiation")]
    [InlineData("var m = new int[2, 2]; m[0, 1] = 1;", "multi-dimensional array")]
    [Trait("Category", "Unit")]
    public void A_planted_construct_the_compiler_accepts_is_caught_by_the_scan(string statement, string expected)
    {
        string planted = "namespace Planted { static class Misuse { static void Run() { " + statement + " } } }";

        List<string> found = Scan(GlueCompilation.Emit(planted));

        Assert.Contains(found, v => v.StartsWith(expected, StringComparison.Ordinal));
    }

    private static List<string> Scan(byte[] image)
    {
        using PEReader pe = new(new MemoryStream(image));
        MetadataReader reader = pe.GetMetadataReader();
        TypeNameProvider names = new(reader);
        List<string> found = new();
        for (int row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            string spec = names.Name(MetadataTokens.TypeSpecificationHandle(row));
            if (spec.Contains('<', StringComparison.Ordinal) || spec.Contains('!', StringComparison.Ordinal))
            {
                found.Add("generic instantiation " + spec);
            }
            else if (spec.Contains(',', StringComparison.Ordinal))
            {
                found.Add("multi-dimensional array " + spec);
            }
        }

        for (int row = 1; row <= reader.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            found.Add("generic method instantiation #" + row.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            if (type.GetGenericParameters().Count > 0)
            {
                found.Add("generic definition " + names.Name(handle));
            }

            foreach (MethodDefinitionHandle method in type.GetMethods())
            {
                if (reader.GetMethodDefinition(method).GetGenericParameters().Count > 0)
                {
                    found.Add("generic definition " + names.Name(handle) + "::" + reader.GetString(reader.GetMethodDefinition(method).Name));
                }
            }
        }

        return found;
    }
}
