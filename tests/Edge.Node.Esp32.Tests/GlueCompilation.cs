using System.Collections.Generic;
using System.IO;
using System.Linq;
using Edge.Tests.Shared.Nano;
using Microsoft.CodeAnalysis.CSharp;

namespace Edge.Node.Esp32.Tests;

/// <summary>
/// The ESP32 app as tests/Edge.Node.Esp32.Nano compiles it, in-process: the glue, the protocol and the core in one
/// assembly, against nanoFramework's real mscorlib, System.Math and the facade; optionally with a planted file.
/// </summary>
internal static class GlueCompilation
{
    public const string FacadeAssembly = "Edge.Node.Esp32.Facade";
    public const string MathAssembly = "System.Math";

    public static CSharpCompilation Create(string planted)
    {
        IEnumerable<string> sources = Directory.GetFiles(RepoPaths.Esp32, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, System.StringComparison.Ordinal))
            .Concat(NanoCompilation.SharedProjectFiles(Path.Combine(RepoPaths.Firmware, "Edge.Protocol", "Edge.Protocol.projitems")))
            .Concat(NanoCompilation.SharedProjectFiles(Path.Combine(RepoPaths.Core, "Edge.Node.Core.projitems")));
        return NanoCompilation.Create("Edge.Node.Esp32", sources, planted, MathAssembly, FacadeAssembly);
    }

    public static List<string> Errors(string planted)
    {
        return NanoCompilation.Errors(Create(planted));
    }

    public static byte[] Emit(string planted)
    {
        return NanoCompilation.Emit(Create(planted));
    }
}
