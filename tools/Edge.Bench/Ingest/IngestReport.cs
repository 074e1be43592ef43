using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Edge.Bench.Ingest;

/// <summary>
/// The runs of one invocation, each Edge run set against the anchor measured with the same nodes and batch size
/// in the same repetition: the ratio is Edge's committed+acked samples/s over Mosquitto's forwarded samples/s.
/// </summary>
internal sealed class IngestReport(IngestOptions options, IReadOnlyList<IngestRow> runs)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public IReadOnlyList<IngestRow> Runs => runs;

    /// <summary>One row per Edge run, with its anchor.</summary>
    public IReadOnlyList<IngestResult> Results => [.. runs.Where(r => r.Mode != IngestMode.Anchor).Select(r =>
    {
        IngestRow? anchor = AnchorOf(r);
        double? anchorRate = anchor is { Status: "ok" } ? anchor.SamplesPerSec : null;
        return new IngestResult(r.Mode, r.Nodes, r.BatchSamples, r.Repeat, r.Status, r.SamplesPerSec, anchorRate,
            Ratio(r.SamplesPerSec, anchorRate), r.AckP50Ms, r.AckP99Ms, r.PacedBatchesPerSec * r.BatchSamples, r.PacedAckP50Ms, r.PacedAckP99Ms,
            r.GatewayCpuPercent, r.GatewayRssMb, r.BrokerCpuPercent, r.GeneratorCpuPercent, r.LoadAverage, r.Exact, r.Detail);
    })];

    /// <summary>Median ratio per mode, nodes and batch size over the repetitions.</summary>
    public IReadOnlyList<(string Mode, int Nodes, int BatchSamples, double? MedianRatio)> Medians => [.. Results
        .GroupBy(r => (r.Mode, r.Nodes, r.BatchSamples))
        .Select(g => (g.Key.Mode, g.Key.Nodes, g.Key.BatchSamples, Median(g.Select(r => r.Ratio).OfType<double>().ToList())))];

    public static double? Ratio(double edge, double? anchor) => anchor is > 0 ? Math.Round(edge / anchor.Value, 3) : null;

    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(new
    {
        machine = new { cores = Environment.ProcessorCount },
        options,
        rows = Results,
        anchors = runs.Where(r => r.Mode == IngestMode.Anchor),
        runs,
    }, Json));

    public string Table()
    {
        var t = new StringBuilder();
        Line(t, $"{"mode",-10} {"nodes",6} {"batch",5} {"rep",3} {"samples/s",10} {"anchor/s",10} {"ratio",6} {"ack p50",8} {"ack p99",8} {"80% p99",8} {"gw cpu",7} {"gw MB",7} {"mq cpu",7} {"gen cpu",7} {"load",5} {"exact",5}  status");
        foreach (IngestRow r in runs)
        {
            IngestRow? anchor = r.Mode == IngestMode.Anchor ? null : AnchorOf(r);
            double? ratio = r.Mode == IngestMode.Anchor ? null : Ratio(r.SamplesPerSec, anchor is { Status: "ok" } ? anchor.SamplesPerSec : null);
            string paced = r.Mode == IngestMode.Anchor || r.PacedBatchesPerSec == 0 ? "-" : F(r.PacedAckP99Ms);
            Line(t, $"{r.Mode,-10} {r.Nodes,6} {r.BatchSamples,5} {r.Repeat,3} {r.SamplesPerSec,10:F0} {(anchor is null ? "-" : anchor.SamplesPerSec.ToString("F0", CultureInfo.InvariantCulture)),10} {(ratio is null ? "-" : F(ratio.Value)),6} {F(r.AckP50Ms),8} {F(r.AckP99Ms),8} {paced,8} {r.GatewayCpuPercent,6:F0}% {r.GatewayRssMb,7:F0} {r.BrokerCpuPercent,6:F0}% {r.GeneratorCpuPercent,6:F0}% {r.LoadAverage,5:F1} {(r.Exact ? "yes" : "NO"),5}  {r.Status}{(r.Detail is null ? "" : ": " + r.Detail)}");
        }

        if (options.Repeat > 1)
        {
            Line(t, "");
            Line(t, $"median ratio over {options.Repeat} repetitions:");
            foreach (var m in Medians)
            {
                Line(t, $"  {m.Mode,-10} {m.Nodes,6} nodes x{m.BatchSamples,-4} {(m.MedianRatio is null ? "-" : F(m.MedianRatio.Value))}");
            }
        }

        return t.ToString();
    }

    private IngestRow? AnchorOf(IngestRow r) =>
        runs.FirstOrDefault(a => a.Mode == IngestMode.Anchor && a.Nodes == r.Nodes && a.BatchSamples == r.BatchSamples && a.Repeat == r.Repeat);

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder t, FormattableString line) => t.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder t, string line) => t.Append(line).Append('\n');
}

/// <summary>The JSON row the issue asks for: an Edge run next to its anchor.</summary>
internal sealed record IngestResult(
    string Mode, int Nodes, int BatchSamples, int Repeat, string Status, double EdgeSamplesPerSec, double? AnchorSamplesPerSec, double? Ratio,
    double AckP50Ms, double AckP99Ms, double PacedSamplesPerSec, double PacedAckP50Ms, double PacedAckP99Ms, double GatewayCpuPercent,
    double GatewayRssMb, double BrokerCpuPercent, double GeneratorCpuPercent, double LoadAverage, bool Exact, string? Detail);
