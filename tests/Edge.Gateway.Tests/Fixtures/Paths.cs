namespace Edge.Gateway.Tests.Fixtures;

/// <summary>Files of the repository, found by walking up from the test binary to the folder holding Edge.sln.</summary>
internal static class Paths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Edge.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Repo(string relative) => Path.Combine(Root.Value, relative);

    public static string Vector(string relative) => Repo(Path.Combine("tests", "vectors", relative));

    /// <summary>The gateway host's DLL built alongside this test project (same configuration).</summary>
    public static string GatewayDll()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Repo(Path.Combine("gateway", "Edge.Gateway", "bin", configuration, "net10.0", "Edge.Gateway.dll"));
    }
}
