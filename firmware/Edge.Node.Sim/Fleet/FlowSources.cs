namespace Edge.Node.Sim.Fleet;

/// <summary>Builds the fleet's flows: one per CSV trace in a folder (sorted, flow ids from 0), or synthetic bursts.</summary>
public static class FlowSources
{
    public const long PeriodMs = 1000;

    public static IReadOnlyList<IFlowSource> FromTraces(string folder, long startMs)
    {
        var files = Directory.GetFiles(folder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        return [.. files.Select((path, flow) => (IFlowSource)TraceSource.Load(flow, path, startMs, PeriodMs))];
    }

    public static IReadOnlyList<IFlowSource> Synthetic(int flows, long startMs, int firstFlow = 0) =>
        [.. Enumerable.Range(firstFlow, flows).Select(f => (IFlowSource)new BurstSource(f, startMs, PeriodMs))];

    /// <summary>The traces that ship with the simulator, next to its binary.</summary>
    public static string ShippedTraces => Path.Combine(AppContext.BaseDirectory, "traces");
}
