namespace Edge.Node.Pi.Tests.Fixtures;

/// <summary>Files of the repository, found by walking up from the test binary to the folder holding Edge.sln.</summary>
internal static class RepoPaths
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

    /// <summary>Debug or Release: the configuration this test binary was built in, which its references share.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string Repo(string relative) => Path.Combine(Root.Value, relative);

    public static string GatewayDll() => Repo(Path.Combine("gateway", "Edge.Gateway", "bin", Configuration, "net10.0", "Edge.Gateway.dll"));

    public static string PiDll() => Repo(Path.Combine("firmware", "Edge.Node.Pi", "bin", Configuration, "net10.0", "Edge.Node.Pi.dll"));
}
