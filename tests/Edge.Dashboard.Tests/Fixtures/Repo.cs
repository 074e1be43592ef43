namespace Edge.Dashboard.Tests.Fixtures;

/// <summary>Files of the repository, found by walking up from the test binary to the folder holding Edge.sln.</summary>
internal static class Repo
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Edge.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    /// <summary>The gateway host's DLL built with this project (same configuration): bin/{Debug|Release}/net10.0.</summary>
    public static string GatewayDll()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path("gateway", "Edge.Gateway", "bin", configuration, "net10.0", "Edge.Gateway.dll");
    }
}
