namespace Edge.Node.Core.Tests.Prediction;

/// <summary>
/// Bytes allocated on this thread by an action, the least over a few runs: the runtime may allocate once while it
/// re-compiles hot code (tiering), but an allocation per sample shows up in every run.
/// </summary>
internal static class AllocationProbe
{
    public static long LeastBytes(Action action, int runs = 3)
    {
        action();
        long least = long.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
