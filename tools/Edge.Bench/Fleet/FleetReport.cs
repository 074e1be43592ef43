using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Edge.Bench.Fleet;

/// <summary>The runs as a table for people and as JSON.</summary>
internal sealed class FleetReport(FleetBenchOptions options, IReadOnlyList<FleetRow> rows)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true,
        // A figure the gateway did not answer for is NaN: written as such rather than failing the whole report.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public IReadOnlyList<FleetRow> Rows => rows;

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(new
    {
        machine = new { cores = Environment.ProcessorCount }, options, dataBoards = FleetRun.DataBoards, dataFlows = FleetRun.DataFlows, rows,
    }, Json));

    public string Table()
    {
        var t = new StringBuilder();
        Line(t, $"{"broker",-9} {"boards",6} {"secs",5} {"startup s",9} {"fo start",8} {"fo steady",9} {"max susp",8} {"silences",8} {"lost conn",9} {"rebirths",8} {"hb/s exp",8} {"hb/s sent",9} {"hb/s gw",8} {"bp wait s",9} {"gen late p99",12} {"gw cpu",7} {"gw MB",6} {"gw peak",7} {"gen cpu",7} {"load",5} {"lost",5} {"dup",4} {"api err",7}  status");
        foreach (FleetRow r in rows)
        {
            Line(t, $"{r.Broker,-9} {r.Boards,6} {r.Seconds,5:F0} {r.StartupSeconds,9:F1} {r.StartupFailovers,8} {r.SteadyFailovers,9} {r.MaxSuspected,8} {r.CorrelatedSilences,8:F0} {r.ConnectionsLost,9} {r.Rebirths,8} {r.ExpectedHeartbeatsPerSec,8:F0} {r.SentHeartbeatsPerSec,9:F0} {r.ReceivedHeartbeatsPerSec,8:F0} {r.BackpressureSeconds,9:F0} {r.GeneratorLatenessP99Ms,12:F1} {r.GatewayCpuPercent,6:F0}% {r.GatewayRssMb,6:F0} {r.GatewayPeakRssMb,7:F0} {r.GeneratorCpuPercent,6:F0}% {r.LoadAverage,5:F1} {r.Lost,5} {r.Duplicated,4} {r.FleetApiErrors,7}  {r.Status}{(r.Detail is null ? "" : ": " + r.Detail)}");
        }

        return t.ToString();
    }

    private static void Line(StringBuilder t, FormattableString line) => t.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
