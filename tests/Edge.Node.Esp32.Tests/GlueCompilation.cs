using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Edge.Node.Core.Agent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Edge.Node.Esp32.Tests;

/// <summary>The glue compiled in-process against the facade, the core and .NET, optionally with a planted file.</summary>
internal static class GlueCompilation
{
    public const string FacadeAssembly = "Edge.Node.Esp32.Facade";
    public const string CoreAssembly = "Edge.Node.Core";
    public const string ProtocolAssembly = "Edge.Protocol";

    public static CSharpCompilation Create(string planted)
    {
        CSharpParseOptions parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        List<SyntaxTree> trees = Directory.GetFiles(RepoPaths.Esp32, "*.cs", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
            .ToList();
        if (planted != null)
        {
            trees.Add(CSharpSyntaxTree.ParseText(planted, parse));
        }

        List<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES"))
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(NodeAgent).Assembly.Location));
        references.Add(MetadataReference.CreateFromFile(typeof(Edge.Protocol.DataBatch).Assembly.Location));
        references.Add(MetadataReference.CreateFromFile(typeof(nanoFramework.M2Mqtt.MqttClient).Assembly.Location));

        return CSharpCompilation.Create(
            "Edge.Node.Esp32",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable, optimizationLevel: OptimizationLevel.Release));
    }

    public static List<Diagnostic> Errors(string planted)
    {
        return Create(planted).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    /// <summary>The glue (and a planted file, if any) as an assembly image, for the metadata scan.</summary>
    public static byte[] Emit(string planted)
    {
        using MemoryStream image = new();
        Microsoft.CodeAnalysis.Emit.EmitResult result = Create(planted).Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("the glue does not compile: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return image.ToArray();
    }
}
