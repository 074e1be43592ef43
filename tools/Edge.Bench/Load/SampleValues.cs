namespace Edge.Bench.Load;

/// <summary>
/// What the load generator sends: sample <c>sequence</c> of <c>flow</c> has a value fixed by both, a multiple of
/// 0.25 below 250, so any sum of them is exact in binary64 and the gateway's committed sum can be compared for
/// equality, not within a tolerance.
/// </summary>
internal static class SampleValues
{
    public static double At(int flow, long sequence) => ((sequence * 31) + (flow * 7L)) % 1000 * 0.25;

    /// <summary>The sum of samples [from, to) of a flow.</summary>
    public static double Sum(int flow, long from, long to)
    {
        double sum = 0;
        for (long s = from; s < to; s++)
        {
            sum += At(flow, s);
        }

        return sum;
    }
}
