namespace Edge.Bench.Tests.Buffer;

/// <summary>
/// The one checked-in test trace. Its folder name differs from the simulator's <c>traces/</c>, which the Sim project
/// also copies to its output (and so into this project's output).
/// </summary>
internal static class TinyTrace
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "tiny-trace");
}
