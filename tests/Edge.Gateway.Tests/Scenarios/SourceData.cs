namespace Edge.Gateway.Tests.Scenarios;

/// <summary>What a node sends: integer-valued samples, so sums are exact whatever the order of addition.</summary>
internal static class SourceData
{
    public const int BatchSize = 25;

    public static double[] Batch(int flow, int index) =>
        Enumerable.Range(index * BatchSize, BatchSize).Select(seq => (double)(((seq * 7) + flow) % 101 - 50)).ToArray();

    public static double Sum(int flow, int batches) => Enumerable.Range(0, batches).Sum(i => Batch(flow, i).Sum());
}
