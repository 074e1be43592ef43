namespace Edge.Gateway.Core.Flows;

/// <summary>
/// Sums that stay finite: every decoded value is finite (the codec refuses NaN and infinities), but two values near
/// double.MaxValue still add up to +Infinity, which would poison every API and sink that reads the sum (JSON has
/// no Infinity). Past the edge a sum saturates at ±double.MaxValue and the overflow is counted.
/// </summary>
internal static class FiniteSum
{
    private static long _overflows;

    /// <summary>Sums that saturated since the process started (exported as a metric, listed in docs/SECURITY.md).</summary>
    public static long Overflows => Interlocked.Read(ref _overflows);

    public static double Add(double sum, double value)
    {
        double result = sum + value;
        if (double.IsFinite(result))
        {
            return result;
        }

        Interlocked.Increment(ref _overflows);
        return double.IsNaN(result) ? sum : result > 0 ? double.MaxValue : double.MinValue;
    }
}
