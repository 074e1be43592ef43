namespace Edge.Node.Sim.Tests.Bench;

internal static class TinyTrace
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "traces");
}
