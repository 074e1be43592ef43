namespace Edge.Bench.Buffer;

/// <summary>One CSV replayed as per-step arrival counts (one row a step).</summary>
internal sealed record Trace(string Name, int[] Arrivals, double RawMean);
