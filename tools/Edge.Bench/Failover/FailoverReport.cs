using System.Globalization;
using System.Text.Json;

namespace Edge.Bench.Failover;

/// <summary>The JSON the issue asks for, and a table for people.</summary>
internal sealed record FailoverReport(
    LatencySummary Abrupt, LatencySummary Silent, long Lost, long Duplicated, long FalseSuspicions, double QuietSeconds,
    IReadOnlyList<StrategyResult> Strategies)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public void Print(TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("{0,-14} {1,8} {2,10} {3,10} {4,10}", "failover", "kills", "p50 ms", "p99 ms", "max ms");
        foreach (var (name, s) in new[] { ("abrupt (Will)", Abrupt), ("silent (phi)", Silent) })
        {
            o.WriteLine("{0,-14} {1,8} {2,10} {3,10} {4,10}", name, s.Kills, F(s.P50Ms), F(s.P99Ms), F(s.MaxMs));
        }

        o.WriteLine();
        o.WriteLine("samples lost {0}, duplicated {1}; false suspicions in {2:F0} s without failures: {3}", Lost, Duplicated, QuietSeconds, FalseSuspicions);
        o.WriteLine();
        o.WriteLine("{0,-16} {1,10} {2,20}", "strategy", "imbalance", "moves per rebalance");
        foreach (var s in Strategies)
        {
            o.WriteLine("{0,-16} {1,10} {2,20}", s.Strategy, F(s.Imbalance), F(s.MovesPerRebalance));
        }
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}

internal sealed record LatencySummary(double P50Ms, double P99Ms, double MaxMs, int Kills)
{
    public static LatencySummary Of(List<double> ms)
    {
        if (ms.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        var sorted = ms.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return new LatencySummary(Math.Round(At(0.5), 1), Math.Round(At(0.99), 1), Math.Round(sorted[^1], 1), ms.Count);
    }
}
