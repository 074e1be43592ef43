using System;
using System.IO;

namespace Edge.Node.Esp32.Tests;

/// <summary>Where the sources live: tests read the checked-in files, not copies.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Firmware => Path.Combine(Root, "firmware");

    public static string Core => Path.Combine(Firmware, "Edge.Node.Core");

    public static string Esp32 => Path.Combine(Root, "firmware", "Edge.Node.Esp32");

    public static string Facade => Path.Combine(Root, "tests", "Edge.Node.Esp32.Facade");

    public static string MathFacade => Path.Combine(Root, "tests", "Edge.Node.Nano.Math");

    private static string FindRoot()
    {
        DirectoryInfo dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Edge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
    }
}
