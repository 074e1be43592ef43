namespace Edge.Node.Sim.Fleet;

/// <summary>Builds the fleet's flows: one per CSV trace in a folder (sorted, flow ids from 0), or synthetic bursts.</summary>
public static class FlowSources
{
    public const long PeriodMs = 1000;

    public static IReadOnlyList<IFlowSource> FromTraces(string folder, long startMs) =>
        [.. TraceFiles(folder).Select((path, flow) => (IFlowSource)TraceSource.Load(flow, path, startMs, PeriodMs))];

    /// <summary>
    /// Each trace replayed as an arrival rate, <paramref name="meanRate"/> samples a second on average, a row lasting
    /// <paramref name="rowMs"/>; with <paramref name="leadRows"/> &gt; 0 it starts that many rows before its first burst.
    /// </summary>
    public static IReadOnlyList<IFlowSource> ArrivalTraces(string folder, long startMs, double meanRate, long rowMs = PeriodMs, int leadRows = 0) =>
        [.. TraceFiles(folder).Select((path, flow) =>
        {
            double[] values = TraceSource.ReadValues(path);
            int first = leadRows > 0 ? Math.Max(0, FirstBurst(values) - leadRows) : 0;
            return (IFlowSource)new ArrivalTraceSource(flow, Path.GetFileNameWithoutExtension(path), values, startMs, rowMs, meanRate, first);
        })];

    /// <summary>The synthetic bursts as arrival rates: 2,000 rows of <see cref="BurstSource"/> values, looped.</summary>
    public static IReadOnlyList<IFlowSource> ArrivalSynthetic(int flows, long startMs, double meanRate, int firstFlow = 0) =>
        [.. Enumerable.Range(firstFlow, flows).Select(f =>
        {
            var burst = new BurstSource(f, startMs, PeriodMs);
            double[] values = [.. Enumerable.Range(0, 2000).Select(i => burst.ValueAt(i))];
            return (IFlowSource)new ArrivalTraceSource(f, burst.Name, values, startMs, PeriodMs, meanRate);
        })];

    /// <summary>First row more than three standard deviations above the trace's mean (0 when none is).</summary>
    public static int FirstBurst(double[] values)
    {
        double mean = values.Average();
        double deviation = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        int row = Array.FindIndex(values, v => v > mean + (3 * deviation));
        return row < 0 ? 0 : row;
    }

    private static string[] TraceFiles(string folder) =>
        [.. Directory.GetFiles(folder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<IFlowSource> Synthetic(int flows, long startMs, int firstFlow = 0) =>
        [.. Enumerable.Range(firstFlow, flows).Select(f => (IFlowSource)new BurstSource(f, startMs, PeriodMs))];

    /// <summary>The traces that ship with the simulator, next to its binary.</summary>
    public static string ShippedTraces => Path.Combine(AppContext.BaseDirectory, "traces");
}
