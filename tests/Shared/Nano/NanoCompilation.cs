#nullable enable
// Linked into test projects with and without implicit usings: the usings below are redundant in some of them.
#pragma warning disable IDE0005
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
#pragma warning restore IDE0005

namespace Edge.Tests.Shared.Nano;

/// <summary>
/// Compiles sources the way the nanoFramework builds in tests/Edge.Node.Core.Nano and tests/Edge.Node.Esp32.Nano do
/// (no standard library; nanoFramework's real mscorlib.dll and the signature-only facades), in-process, so a test
/// can plant a file and show the compiler's own error. The DLLs come from $(OutDir)nano/ (NanoReferences.targets).
/// </summary>
internal static class NanoCompilation
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "nano");

    public static string Assembly(string name) => Path.Combine(Folder, name + ".dll");

    /// <summary>The .cs files a shared project (.projitems) lists, as full paths.</summary>
    public static IEnumerable<string> SharedProjectFiles(string projitems)
    {
        string folder = Path.GetDirectoryName(projitems)!;
        return XDocument.Load(projitems).Descendants()
            .Where(e => e.Name.LocalName == "Compile")
            .Select(e => (string)e.Attribute("Include")!)
            .Select(i => Path.Combine(folder, i.Replace("$(MSBuildThisFileDirectory)", "", StringComparison.Ordinal).Replace('\\', Path.DirectorySeparatorChar)));
    }

    public static CSharpCompilation Create(string name, IEnumerable<string> files, string? planted, params string[] references)
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var trees = files.Order(StringComparer.Ordinal).Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
        if (planted is not null)
        {
            trees.Add(CSharpSyntaxTree.ParseText(planted, parse, "Planted.cs"));
        }

        var refs = new List<MetadataReference> { MetadataReference.CreateFromFile(Assembly("mscorlib")) };
        refs.AddRange(references.Select(r => (MetadataReference)MetadataReference.CreateFromFile(Assembly(r))));
        return CSharpCompilation.Create(
            name,
            trees,
            refs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable, optimizationLevel: OptimizationLevel.Release));
    }

    public static List<string> Errors(CSharpCompilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();

    /// <summary>The assembly image; throws with the compiler's errors when it does not compile.</summary>
    public static byte[] Emit(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("does not compile against nanoFramework: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return image.ToArray();
    }
}
