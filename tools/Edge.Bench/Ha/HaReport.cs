using System.Globalization;
using System.Text.Json;
using Edge.Bench.Failover;

namespace Edge.Bench.Ha;

/// <summary>The JSON the issue asks for (leaderKills ... ownerlessFlowsAtEnd), with the takeover split, and a table for people.</summary>
internal sealed record HaReport(
    int LeaderKills, int LeaderPauses, double TakeoverP50Ms, double TakeoverP99Ms, double TakeoverMaxMs, long Lost, long Duplicated,
    long DoublePrimaryMs, int OwnerlessFlowsAtEnd, LatencySummary Kills, LatencySummary Pauses, TakeoverSplit MedianSplit,
    int PausedLeadersThatStoodDown, double LeaseSeconds, int Gateways, int Nodes, int Flows, long SamplesDue, IReadOnlyList<TakeoverSample> Events)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static HaReport Of(IReadOnlyList<TakeoverSample> events, long lost, long duplicated, long doublePrimaryMs, int ownerless,
        double leaseSeconds, int gateways, int nodes, int flows, long due)
    {
        LatencySummary all = LatencySummary.Of([.. events.Select(e => e.TakeoverMs)]);
        var kills = events.Where(e => e.Kind == "kill").ToList();
        var pauses = events.Where(e => e.Kind == "pause").ToList();
        return new HaReport(kills.Count, pauses.Count, all.P50Ms, all.P99Ms, all.MaxMs, lost, duplicated, doublePrimaryMs, ownerless,
            LatencySummary.Of([.. kills.Select(e => e.TakeoverMs)]), LatencySummary.Of([.. pauses.Select(e => e.TakeoverMs)]), TakeoverSplit.Median(events),
            pauses.Count(p => p.OldLeaderStoodDown), leaseSeconds, gateways, nodes, flows, due, events);
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public void Print(TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("{0,-16} {1,6} {2,16} {3,10} {4,10}", "leader failure", "count", "takeover p50 ms", "p99 ms", "max ms");
        foreach (var (name, s) in new[] { ("kill (SIGKILL)", Kills), ("pause (SIGSTOP)", Pauses) })
        {
            o.WriteLine("{0,-16} {1,6} {2,16} {3,10} {4,10}", name, s.Kills, F(s.P50Ms), F(s.P99Ms), F(s.MaxMs));
        }

        o.WriteLine("{0,-16} {1,6} {2,16} {3,10} {4,10}", "all", LeaderKills + LeaderPauses, F(TakeoverP50Ms), F(TakeoverP99Ms), F(TakeoverMaxMs));
        o.WriteLine();
        TakeoverSplit m = MedianSplit;
        o.WriteLine("takeover split (medians, ms): idle before the failure {0} | detection + election {1} | claim {2} | reload {3} | announce {4} | resend to first ack {5}",
            F(m.IdleMs), F(m.ElectionMs), F(m.ClaimMs), F(m.ReloadMs), F(m.AnnounceMs), F(m.ResendMs));
        o.WriteLine("lease {0} s; {1} gateways, {2} nodes, {3} flows, {4} samples per flow due at the end", F(LeaseSeconds), Gateways, Nodes, Flows, SamplesDue);
        o.WriteLine();
        o.WriteLine("{0,-34} {1,10} {2,10}", "exactly once, at the end", "measured", "target");
        o.WriteLine("{0,-34} {1,10} {2,10}", "samples lost", Lost, 0);
        o.WriteLine("{0,-34} {1,10} {2,10}", "samples duplicated", Duplicated, 0);
        o.WriteLine("{0,-34} {1,10} {2,10}", "double-primary ms (two acking)", DoublePrimaryMs, 0);
        o.WriteLine("{0,-34} {1,10} {2,10}", "flows without a live owner", OwnerlessFlowsAtEnd, 0);
        o.WriteLine("{0,-34} {1,10} {2,10}", "paused leaders that stood down", PausedLeadersThatStoodDown, LeaderPauses);
        o.WriteLine("{0,-34} {1,10} {2,10}", "takeover p99 ms", F(TakeoverP99Ms), "< 3000");
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>The median of each step of a takeover, in ms.</summary>
internal sealed record TakeoverSplit(double IdleMs, double ElectionMs, double ClaimMs, double ReloadMs, double AnnounceMs, double ResendMs)
{
    public static TakeoverSplit Median(IReadOnlyList<TakeoverSample> events) => new(
        Median(events.Select(e => e.IdleMs)), Median(events.Select(e => e.ElectionMs)), Median(events.Select(e => e.ClaimMs)),
        Median(events.Select(e => e.ReloadMs)), Median(events.Select(e => e.AnnounceMs)), Median(events.Select(e => e.ResendMs)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : Math.Round(sorted[sorted.Count / 2], 1);
    }
}
