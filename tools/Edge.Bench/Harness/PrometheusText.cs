using System.Globalization;

namespace Edge.Bench.Harness;

/// <summary>
/// The Prometheus text exposition format read back into samples: each line "name{labels} value" becomes one
/// entry keyed by the series as written. Enough for a bench that reads counters and gauges it knows by name.
/// </summary>
internal sealed class PrometheusText
{
    private readonly Dictionary<string, double> _series;

    private PrometheusText(Dictionary<string, double> series) => _series = series;

    public int Count => _series.Count;

    public static PrometheusText Parse(string text)
    {
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // Label values may hold spaces; the value is after the last one (no timestamps are exported here).
            int space = line.LastIndexOf(' ');
            if (space > 0 && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                series[line[..space]] = value;
            }
        }

        return new PrometheusText(series);
    }

    /// <summary>One series, written exactly as exported (e.g. <c>edge_gateway_messages_total{kind="data"}</c>); 0 when absent.</summary>
    public double Value(string series) => _series.GetValueOrDefault(series);

    /// <summary>The sum over every series of a metric, whatever its labels.</summary>
    public double Sum(string metric) =>
        _series.Where(s => s.Key == metric || s.Key.StartsWith(metric + "{", StringComparison.Ordinal)).Sum(s => s.Value);

    /// <summary>Every series of a metric with one label, as (label value, value), e.g. each reason of a counter.</summary>
    public IEnumerable<(string Label, double Value)> ByLabel(string metric, string label)
    {
        string prefix = metric + "{" + label + "=\"";
        return _series.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => (s.Key[prefix.Length..s.Key.IndexOf('"', prefix.Length)], s.Value));
    }
}
